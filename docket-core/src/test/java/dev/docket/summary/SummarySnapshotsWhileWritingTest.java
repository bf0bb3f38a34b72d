package dev.docket.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.CraftedTraffic;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A status page polls the summary from its own thread while the writer feeds packets: every
 * snapshot it gets is whole (its buckets and protocols sum to its totals), and later snapshots
 * never count fewer packets.
 */
class SummarySnapshotsWhileWritingTest {
  private static final int PACKETS = 200_000;

  @Test
  void snapshotsTakenWhileWritingAreWholeAndOnlyGrow() {
    SummaryCollector collector = new SummaryCollector();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      CraftedTraffic traffic = new CraftedTraffic(7, Instant.parse("2024-06-03T09:15:00Z"), 2_000);
      for (int i = 0; i < PACKETS; i++) {
        traffic.next();
        collector.accept(traffic.packet());
      }
    });
    long seen = 0;
    int snapshots = 0;
    while (!writer.isDone() || snapshots == 0) {
      ResultSummary summary = collector.summary();
      assertWhole(summary);
      assertThat(summary.totals().packets()).isGreaterThanOrEqualTo(seen);
      seen = summary.totals().packets();
      snapshots++;
      // A page polls now and then. Polling in a tight loop, this thread took the collector's lock
      // back at once, again and again: once the writer waited over two minutes for it.
      LockSupport.parkNanos(200_000);
    }
    writer.join();
    ResultSummary last = collector.summary();
    assertWhole(last);
    assertThat(last.totals().packets()).isEqualTo(PACKETS);
    assertThat(last.conversations().exact()).isFalse();
    assertThat(last.hosts().exact()).isTrue();
    assertThat(last.hosts().top()).extracting(ResultSummary.Host::address).contains(CraftedTraffic.BUSY_HOST.toString());
  }

  private static void assertWhole(ResultSummary summary) {
    long packets = summary.totals().packets();
    long bytes = summary.totals().bytes();
    assertThat(summary.histogram().buckets().stream().mapToLong(ResultSummary.Bucket::packets).sum()).isEqualTo(packets);
    assertThat(summary.histogram().buckets().stream().mapToLong(ResultSummary.Bucket::bytes).sum()).isEqualTo(bytes);
    assertThat(summary.protocols().stream().mapToLong(ResultSummary.ProtocolCount::packets).sum()).isEqualTo(packets);
    assertThat(summary.protocols().stream().mapToLong(ResultSummary.ProtocolCount::bytes).sum()).isEqualTo(bytes);
  }
}
