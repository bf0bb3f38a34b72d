package dev.docket.store;

import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.ScanCounters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Packets as the store tests compare them: what a query answered, and what it should have. */
final class StorePackets {
  /** One packet, compared by value. */
  record Packet(long timestampNanos, int linkType, int originalLength, ByteBuffer bytes) {
    static Packet of(PacketView view) {
      return new Packet(view.timestampNanos(), view.linkType(), view.originalLength(), ByteBuffer.wrap(view.copyBytes()));
    }

    @Override
    public String toString() {
      return "packet at " + timestampNanos + "ns, " + bytes.remaining() + " bytes";
    }
  }

  private StorePackets() {}

  static Query parse(String text) {
    return new QueryParser(Clock.systemUTC()).parse(text);
  }

  /** Every packet {@code store} answers {@code query} with, counting progress into {@code counters}. */
  static List<Packet> query(LocalStore store, Query query, ScanCounters counters) throws IOException {
    try (PacketStream stream = store.open(QueryPlanner.plan(query, store.features()), counters)) {
      return drain(stream);
    }
  }

  static List<Packet> drain(PacketStream stream) throws IOException {
    List<Packet> packets = new ArrayList<>();
    while (stream.next()) {
      packets.add(Packet.of(stream.packet()));
    }
    return packets;
  }

  /**
   * What a query over {@code files} must answer: each file's matching packets (up to any damage),
   * files taken in the given order, then stably sorted by time.
   */
  static List<Packet> expected(List<Path> files, Query query) throws IOException {
    PacketFilter filter = PacketFilter.compile(query);
    List<Packet> packets = new ArrayList<>();
    for (Path file : files) {
      try (CaptureReader reader = CaptureReader.open(file)) {
        while (reader.next()) {
          if (filter.matches(reader.packet())) {
            packets.add(Packet.of(reader.packet()));
          }
        }
      } catch (CorruptCaptureException damaged) {
        // its packets before the damage count
      }
    }
    packets.sort(Comparator.comparingLong(Packet::timestampNanos));
    return packets;
  }
}
