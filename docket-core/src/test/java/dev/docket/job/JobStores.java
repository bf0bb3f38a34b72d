package dev.docket.job;

import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.RotatingPcapWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Stores of rotated one-minute files of crafted traffic for the job tests, and reading results back. */
final class JobStores {
  /** Where every generated store begins. */
  static final Instant START = Instant.parse("2024-06-03T09:00:00Z");

  private JobStores() {}

  /** Writes {@code minutes} one-minute files of {@code seed}'s traffic at {@code packetsPerSecond}. */
  static Path write(Path directory, long seed, int minutes, double packetsPerSecond) throws IOException {
    Files.createDirectories(directory);
    long endNanos = START.plus(Duration.ofMinutes(minutes)).getEpochSecond() * 1_000_000_000L;
    try (CraftedTraffic traffic = new CraftedTraffic(seed, START, packetsPerSecond);
        RotatingPcapWriter writer = new RotatingPcapWriter(directory, "dump-", Duration.ofMinutes(1), TimestampPrecision.MICROSECONDS)) {
      while (traffic.next() && traffic.packet().timestampNanos() < endNanos) {
        writer.write(traffic.packet());
      }
    }
    return directory;
  }

  /** A capture's packets, each as its timestamp and bytes. */
  static List<String> packets(Path capture) throws IOException {
    List<String> packets = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(capture)) {
      while (reader.next()) {
        PacketView packet = reader.packet();
        packets.add(packet.timestampNanos() + ":" + HexFormat.of().formatHex(packet.copyBytes()));
      }
    }
    return packets;
  }
}
