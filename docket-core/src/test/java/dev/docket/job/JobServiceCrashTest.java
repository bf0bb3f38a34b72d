package dev.docket.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service killed with SIGKILL mid-job, then opened again over its spool: every job is listed,
 * the one that was running is failed "interrupted by restart" with its unfinished result removed,
 * and the one that was queued runs.
 */
@Timeout(120)
class JobServiceCrashTest {
  @TempDir Path scratch;

  @Test
  void afterAKillEveryJobIsListedAndTheRunningOneIsInterrupted() throws Exception {
    Path store = JobStores.write(scratch.resolve("store"), 31, 3, 100);
    Path spool = scratch.resolve("spool");
    String query = "tcp and after 2024-06-03T09:00:30Z";
    Process service =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashingService.class.getName(),
                spool.toString(),
                store.toString(),
                query)
            .redirectErrorStream(true)
            .start();
    String ready;
    try (BufferedReader said = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
      ready = said.readLine();
      assertThat(ready).as("the service's first line").startsWith("ready ");
      assertThat(partialResults(spool)).as("the running job's unfinished result, before the kill").hasSize(1);
      service.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    String[] ids = ready.split(" ");

    try (JobService restarted =
        JobService.open(JobSettings.in(spool).withMinFreeBytes(0), List.of(new LocalStore(StoreOptions.of(store).withName("north"))))) {
      assertThat(restarted.jobs()).extracting(Job::id).containsExactlyInAnyOrder(ids[1], ids[2]);
      Job interrupted = restarted.job(ids[1]).orElseThrow();
      assertThat(interrupted.state()).isEqualTo(JobState.FAILED);
      assertThat(interrupted.reason()).hasValue("interrupted by restart");
      // The killed job's unfinished result is gone (the queued one may be writing its own by now).
      assertThat(partialResults(spool)).noneSatisfy(file -> assertThat(file.getFileName().toString()).contains(ids[1]));

      Job requeued = restarted.await(ids[2], Duration.ofSeconds(30)).orElseThrow();
      assertThat(requeued.state()).isEqualTo(JobState.DONE);
      assertThat(requeued.events()).extracting(JobEvent::message).contains("queued again after a restart");
      assertThat(JobStores.packets(restarted.result(ids[2]).orElseThrow())).isNotEmpty();
      try (Stream<Path> results = Files.list(spool.resolve("results"))) {
        assertThat(results.map(file -> file.getFileName().toString())).containsExactly(ids[2] + ".pcap");
      }
    }
  }

  private static List<Path> partialResults(Path spool) throws IOException {
    try (Stream<Path> files = Files.list(spool.resolve("results"))) {
      return files.filter(file -> file.getFileName().toString().endsWith(".partial")).toList();
    }
  }
}
