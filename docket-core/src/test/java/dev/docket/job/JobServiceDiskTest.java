package dev.docket.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spool on a real, small disk (a 6 MiB tmpfs, as root): a job whose result would fill it stops
 * before the floor of free space, partial and saying why, and its result is whole and readable.
 */
@Timeout(120)
class JobServiceDiskTest {
  @TempDir Path scratch;
  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  @Test
  void aJobThatWouldFillTheDiskStopsPartialAboveTheFloor() throws Exception {
    Path store = JobStores.write(scratch.resolve("store"), 41, 3, 200); // about 20 MB of packets
    Path spool = Files.createDirectories(scratch.resolve("spool"));
    mountTmpfs(spool, "6m");
    long floor = 3L << 20;
    try (JobService service =
        JobService.open(JobSettings.in(spool).withMinFreeBytes(floor), List.of(new LocalStore(StoreOptions.of(store).withName("north"))))) {
      Job job = service.submit(JobRequest.of("alice", "ip or not ip").withAcceptLarge(true)).job();
      Job ended = service.await(job.id(), Duration.ofSeconds(60)).orElseThrow();

      assertThat(ended.state()).as("%s", ended).isEqualTo(JobState.PARTIAL);
      assertThat(ended.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("stopped: the spool's disk is down to").contains("below its floor of 3 MiB"));
      Path result = service.result(job.id()).orElseThrow();
      assertThat(JobStores.packets(result)).hasSize((int) ended.progress().packetsWritten());
      assertThat(Files.getFileStore(spool).getUsableSpace()).isGreaterThan(0);
      // The disk is below its floor now: a new job is refused rather than started, and the result
      // that stopped to keep the floor is kept.
      assertThatThrownBy(() -> service.submit(JobRequest.of("bob", "tcp").withAcceptLarge(true)))
          .isInstanceOfSatisfying(JobRefusedException.class, refused -> assertThat(refused.reason()).isEqualTo(JobRefusedException.Reason.NO_SPACE));
      assertThat(service.job(job.id()).orElseThrow().state()).isEqualTo(JobState.PARTIAL);
    }
  }

  private void mountTmpfs(Path at, String size) throws IOException, InterruptedException {
    boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
    if (!root) {
      skip("mounting a small tmpfs for the spool needs root");
    }
    String said = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
    if (said != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("as root, mounting a tmpfs failed, and CI=true requires it: " + said);
      }
      skip("mounting a tmpfs failed (a container without CAP_SYS_ADMIN?): " + said);
    }
    mount = at;
  }

  /** Runs a command; null when it succeeded, else what it said. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? null : said.strip();
  }

  private static void skip(String reason) {
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
