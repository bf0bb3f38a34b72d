package dev.docket.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import dev.docket.testing.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  @Test
  void aJobThatWouldFillTheDiskStopsPartialAboveTheFloor() throws Exception {
    Path store = JobStores.write(scratch.resolve("store"), 41, 3, 200); // about 20 MB of packets
    Path spool = Files.createDirectories(scratch.resolve("spool"));
    long floor = 3L << 20;
    try (SmallDisk disk = SmallDisk.mount(spool, "6m");
        JobService service =
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
}
