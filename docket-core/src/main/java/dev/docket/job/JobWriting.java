package dev.docket.job;

import dev.docket.OutputFormat;
import dev.docket.QueryRun;
import dev.docket.RunListener;
import dev.docket.packet.PacketView;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.summary.ResultSummary;
import dev.docket.summary.SummaryCollector;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Watches one job's run as it writes: each source's progress into the job's counters, each packet
 * into the summary and the counts, and the job's limits and the spool's space, which {@linkplain
 * QueryRun#finish finish} the run early (partial, saying why) rather than fail it.
 */
final class JobWriting implements RunListener {
  /**
   * How often, in bytes written, the spool's space is looked at: a statfs per 4 MiB is free, and
   * with a small floor of free space, four looks within it, so the floor is not overshot.
   */
  private static final long SPACE_CHECK_BYTES = 4L << 20;
  /** How often the counts are published to other threads. */
  private static final int PUBLISH_EVERY_PACKETS = 1024;

  /** Says whether the spool has room for {@code bytes} more of a result, or why not. */
  interface Space {
    Optional<String> refuses(long bytesWrittenSoFar);
  }

  private final Map<String, ? extends ScanProgress> counters;
  private final OutputFormat format;
  private final long maxPackets;
  private final long maxBytes;
  private final Space space;
  private final long spaceCheckBytes;
  private final SummaryCollector summary = new SummaryCollector();
  private @Nullable QueryRun run;
  private long packets;
  private long bytes;
  private long nextSpaceCheck;
  private volatile long publishedPackets;
  private volatile long publishedBytes;

  /** @param minFreeBytes the floor of free space the spool keeps, which sets how often to look */
  JobWriting(
      Map<String, ? extends ScanProgress> counters, OutputFormat format, long maxPackets, long maxBytes, long minFreeBytes, Space space) {
    this.spaceCheckBytes = Math.max(64 << 10, Math.min(SPACE_CHECK_BYTES, minFreeBytes / 4));
    this.nextSpaceCheck = spaceCheckBytes;
    this.counters = counters;
    this.format = format;
    this.maxPackets = maxPackets;
    this.maxBytes = maxBytes;
    this.space = space;
  }

  /** The run this watches: the one to finish at a limit. Set before the run is called. */
  void watch(QueryRun run) {
    this.run = run;
  }

  @Override
  public ScanProgress progressOf(PacketSource source) {
    ScanProgress progress = counters.get(source.name());
    return progress == null ? ScanProgress.NONE : progress;
  }

  @Override
  public void written(PacketView packet) {
    summary.accept(packet);
    packets++;
    bytes += recordBytes(packet.capturedLength());
    if (packets % PUBLISH_EVERY_PACKETS == 0) {
      publish();
    }
    QueryRun watched = run;
    if (watched == null) {
      return;
    }
    if (packets >= maxPackets) {
      watched.finish("stopped at the job's limit of " + maxPackets + " packets");
    } else if (bytes >= maxBytes) {
      watched.finish("stopped at the job's limit of " + Sizes.of(maxBytes));
    } else if (bytes >= nextSpaceCheck) {
      nextSpaceCheck = bytes + spaceCheckBytes;
      space.refuses(bytes).ifPresent(watched::finish);
    }
  }

  /** What a packet's record takes in the result: pcap's 16-byte header, pcapng's padded block. */
  private long recordBytes(int capturedLength) {
    return format == OutputFormat.PCAPNG ? 32 + ((capturedLength + 3) & ~3) : 16 + capturedLength;
  }

  /** Makes the counts so far visible to other threads; the run's thread calls it at the end too. */
  void publish() {
    publishedPackets = packets;
    publishedBytes = bytes;
  }

  long packetsWritten() {
    return publishedPackets;
  }

  long bytesWritten() {
    return publishedBytes;
  }

  ResultSummary summary() {
    return summary.summary();
  }
}
