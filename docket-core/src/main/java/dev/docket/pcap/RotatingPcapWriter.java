package dev.docket.pcap;

import static com.google.common.base.Preconditions.checkArgument;

import dev.docket.packet.PacketView;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes packets into one classic pcap file per period, as {@code tcpdump -G SECONDS -w
 * PREFIX%Y%m%d%H%M%S.pcap} does: a packet goes into the file of the period its timestamp falls in
 * (periods are aligned to the epoch, in UTC), named after the period's start. Packets must come in
 * time order. For building capture stores to test and measure with.
 */
public final class RotatingPcapWriter implements Closeable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final int BUFFER_SIZE = 1 << 16;

  private final Path directory;
  private final String prefix;
  private final long periodNanos;
  private final TimestampPrecision precision;
  private final List<Path> files = new ArrayList<>();
  private @Nullable PcapWriter writer;
  private long periodEnd = Long.MIN_VALUE;

  public RotatingPcapWriter(Path directory, String prefix, Duration period, TimestampPrecision precision) {
    checkArgument(!period.isNegative() && !period.isZero(), "period %s is not positive", period);
    this.directory = directory;
    this.prefix = prefix;
    this.periodNanos = period.toNanos();
    this.precision = precision;
  }

  public void write(PacketView packet) throws IOException {
    long timestamp = packet.timestampNanos();
    PcapWriter current = writer;
    if (current == null || timestamp >= periodEnd) {
      long start = Math.floorDiv(timestamp, periodNanos) * periodNanos;
      current = rotate(start, packet.linkType());
      periodEnd = start + periodNanos;
    }
    current.write(packet);
  }

  private PcapWriter rotate(long startNanos, int linkType) throws IOException {
    close();
    Instant start = Instant.ofEpochSecond(Math.floorDiv(startNanos, 1_000_000_000L), Math.floorMod(startNanos, 1_000_000_000L));
    Path file = directory.resolve(prefix + STAMP.format(start) + ".pcap");
    PcapWriter next =
        PcapWriter.create(
            new BufferedOutputStream(Files.newOutputStream(file), BUFFER_SIZE),
            linkType,
            PcapWriter.DEFAULT_SNAP_LENGTH,
            precision);
    files.add(file);
    writer = next;
    return next;
  }

  /** The files written so far, in time order. */
  public List<Path> files() {
    return List.copyOf(files);
  }

  @Override
  public void close() throws IOException {
    PcapWriter open = writer;
    writer = null;
    if (open != null) {
      open.close();
    }
  }
}
