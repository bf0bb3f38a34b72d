package dev.docket.examples;

import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.query.Query;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Packets as text a test can compare: each its timestamp in nanoseconds and its captured bytes in
 * hex, so that two captures are equal when they hold the same packets, whatever their files' headers.
 */
final class Packets {
  private Packets() {}

  /** One packet as text. */
  static String text(PacketView packet) {
    return packet.timestampNanos() + " " + HexFormat.of().formatHex(packet.copyBytes());
  }

  /** Every packet of {@code capture}, in the file's order. */
  static List<String> of(Path capture) throws IOException {
    List<String> packets = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(capture)) {
      while (reader.next()) {
        packets.add(text(reader.packet()));
      }
    }
    return packets;
  }

  /**
   * What {@code docket filter QUERY INPUTS...} answers, up to the order of packets with equal
   * timestamps: every packet of the inputs that the query matches, sorted by time (then bytes).
   */
  static List<String> matching(Query query, List<Path> inputs) throws IOException {
    PacketFilter filter = PacketFilter.compile(query);
    List<String> packets = new ArrayList<>();
    for (Path input : inputs) {
      try (CaptureReader reader = CaptureReader.open(input)) {
        while (reader.next()) {
          if (filter.matches(reader.packet())) {
            packets.add(text(reader.packet()));
          }
        }
      }
    }
    return sorted(packets);
  }

  /** How many packets {@code inputs} hold in all. */
  static long count(List<Path> inputs) throws IOException {
    long count = 0;
    for (Path input : inputs) {
      count += of(input).size();
    }
    return count;
  }

  /** Sorted by timestamp, then bytes: the order a merge gives, ties aside. */
  static List<String> sorted(List<String> packets) {
    List<String> sorted = new ArrayList<>(packets);
    sorted.sort((a, b) -> {
      int byTime = Long.compare(timestamp(a), timestamp(b));
      return byTime != 0 ? byTime : a.compareTo(b);
    });
    return sorted;
  }

  /** Whether the packets' timestamps never step back. */
  static boolean inTimeOrder(List<String> packets) {
    for (int i = 1; i < packets.size(); i++) {
      if (timestamp(packets.get(i)) < timestamp(packets.get(i - 1))) {
        return false;
      }
    }
    return true;
  }

  private static long timestamp(String packet) {
    return Long.parseLong(packet.substring(0, packet.indexOf(' ')));
  }
}
