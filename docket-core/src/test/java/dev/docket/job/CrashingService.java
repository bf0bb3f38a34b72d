package dev.docket.job;

import dev.docket.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A job service in a JVM of its own, for a test to kill: it starts one job that its source holds
 * (running, its result half open) and queues a second, prints {@code ready RUNNING_ID QUEUED_ID},
 * and waits to be killed.
 *
 * <p>Arguments: the spool, the store directory, the query.
 */
final class CrashingService {
  private CrashingService() {}

  public static void main(String[] args) throws Exception {
    ControlledSource held = new ControlledSource("north", LocalStore.of(Path.of(args[1])));
    held.hold();
    JobSettings settings = JobSettings.in(Path.of(args[0])).withRunningJobs(1).withMinFreeBytes(0);
    JobService service = JobService.open(settings, List.of(held));
    Job running = service.submit(JobRequest.of("alice", args[2])).job();
    Job queued = service.submit(JobRequest.of("bob", args[2])).job();
    // Ready once the running job's result is open, under its temporary name.
    Path results = Path.of(args[0], "results");
    while (held.asked.isEmpty() || !hasPartialResult(results)) {
      Thread.sleep(5);
    }
    System.out.println("ready " + running.id() + " " + queued.id());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static boolean hasPartialResult(Path results) throws java.io.IOException {
    try (var files = Files.list(results)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(".partial"));
    }
  }
}
