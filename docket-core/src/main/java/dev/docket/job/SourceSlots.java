package dev.docket.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many running jobs ask each source, so that no source is asked more than a set number of
 * queries at once. A job takes a slot on each of its sources before it starts, or waits. Not
 * thread-safe: the service holds its lock.
 */
final class SourceSlots {
  private final int perSource;
  private final Map<String, Integer> inUse = new HashMap<>();

  SourceSlots(int perSource) {
    this.perSource = perSource;
  }

  boolean canTake(List<String> sources) {
    return sources.stream().allMatch(source -> inUse.getOrDefault(source, 0) < perSource);
  }

  void take(List<String> sources) {
    sources.forEach(source -> inUse.merge(source, 1, Integer::sum));
  }

  void release(List<String> sources) {
    sources.forEach(source -> inUse.computeIfPresent(source, (name, count) -> count == 1 ? null : count - 1));
  }

  /** The queries running on {@code source} now. */
  int inUse(String source) {
    return inUse.getOrDefault(source, 0);
  }
}
