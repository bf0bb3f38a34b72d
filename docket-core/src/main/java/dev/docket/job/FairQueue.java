package dev.docket.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Queued jobs, one first-in-first-out queue per user, and the user served least recently goes
 * first: one analyst's fifty queries do not hold up a colleague's one, even when the colleague
 * submits after them. Not thread-safe: the service holds its lock.
 */
final class FairQueue {
  /** Each user's queued jobs, oldest first; users in the order their queue last became non-empty. */
  private final Map<String, Deque<JobEntry>> byUser = new LinkedHashMap<>();
  /** When each user was last served, as a count of jobs taken; a user never served has none. */
  private final Map<String, Long> lastServed = new HashMap<>();
  private long taken;

  void add(JobEntry job) {
    byUser.computeIfAbsent(job.user(), user -> new ArrayDeque<>()).addLast(job);
  }

  /**
   * Takes the next job that {@code canStart} allows: of the user served least recently, their
   * oldest that can start (a job waiting for a busy source does not hold up their next); when none
   * of theirs can, the next user's.
   */
  @Nullable JobEntry poll(Predicate<JobEntry> canStart) {
    List<String> users = new ArrayList<>(byUser.keySet());
    // Stable: users never served keep the order they came in.
    users.sort(Comparator.comparingLong(user -> lastServed.getOrDefault(user, -1L)));
    for (String user : users) {
      Deque<JobEntry> queue = byUser.get(user);
      for (Iterator<JobEntry> jobs = queue.iterator(); jobs.hasNext(); ) {
        JobEntry job = jobs.next();
        if (canStart.test(job)) {
          jobs.remove();
          if (queue.isEmpty()) {
            byUser.remove(user);
          }
          lastServed.put(user, taken++);
          return job;
        }
      }
    }
    return null;
  }

  /** Takes {@code job} out of the queue; false when it was not queued. */
  boolean remove(JobEntry job) {
    Deque<JobEntry> queue = byUser.get(job.user());
    if (queue == null || !queue.remove(job)) {
      return false;
    }
    if (queue.isEmpty()) {
      byUser.remove(job.user());
    }
    return true;
  }

  int size() {
    return byUser.values().stream().mapToInt(Deque::size).sum();
  }
}
