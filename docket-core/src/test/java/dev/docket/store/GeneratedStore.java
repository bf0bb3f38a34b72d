package dev.docket.store;

import com.google.common.collect.ImmutableList;
import dev.docket.pcap.RotatingPcapWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A directory of rotated capture files, as {@code tcpdump -G 60} leaves them, of {@link CraftedTraffic}. */
final class GeneratedStore {
  static final Instant START = Instant.parse("2024-06-03T09:00:00Z");

  private GeneratedStore() {}

  /**
   * Writes {@code minutes} one-minute files of traffic at {@code packetsPerSecond}, from {@link
   * #START} (the first file may start mid-minute if the start is), into {@code directory}.
   *
   * @return the files, in time order
   */
  static ImmutableList<Path> write(Path directory, long seed, Instant start, int minutes, double packetsPerSecond)
      throws IOException {
    Files.createDirectories(directory);
    Instant end = start.plus(Duration.ofMinutes(minutes));
    try (CraftedTraffic traffic = new CraftedTraffic(seed, start, packetsPerSecond);
        RotatingPcapWriter writer = new RotatingPcapWriter(directory, "dump-", Duration.ofMinutes(1), TimestampPrecision.MICROSECONDS)) {
      long endNanos = end.getEpochSecond() * 1_000_000_000L;
      while (traffic.next() && traffic.packet().timestampNanos() < endNanos) {
        writer.write(traffic.packet());
      }
      writer.close();
      return ImmutableList.copyOf(writer.files());
    }
  }
}
