package dev.docket.examples;

import dev.docket.pcap.RotatingPcapWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Directories of synthetic capture files, one a minute, as {@code tcpdump -G 60} leaves them. */
final class GeneratedCaptures {
  /** When the traffic starts: the files are named 20240603090000.pcap, 20240603090100.pcap, ... */
  static final Instant START = Instant.parse("2024-06-03T09:00:00Z");

  private GeneratedCaptures() {}

  /**
   * Writes {@code minutes} one-minute files of traffic at {@code packetsPerSecond} into {@code
   * directory}; {@code seed} decides every byte.
   *
   * @return the files, in time order
   */
  static List<Path> write(Path directory, long seed, int minutes, double packetsPerSecond) throws IOException {
    Files.createDirectories(directory);
    long endNanos = START.plus(Duration.ofMinutes(minutes)).getEpochSecond() * 1_000_000_000L;
    TrafficSpec spec =
        TrafficSpec.ofPackets(seed, TrafficSpec.UNLIMITED - 1).withStart(START).withPacketsPerSecond(packetsPerSecond);
    try (SyntheticTraffic traffic = new SyntheticTraffic(spec);
        RotatingPcapWriter writer =
            new RotatingPcapWriter(directory, "capture-", Duration.ofMinutes(1), TimestampPrecision.MICROSECONDS)) {
      while (traffic.next() && traffic.packet().timestampNanos() < endNanos) {
        writer.write(traffic.packet());
      }
      writer.close();
      return writer.files();
    }
  }
}
