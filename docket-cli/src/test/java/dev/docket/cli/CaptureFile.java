package dev.docket.cli;

import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A capture's packets held in memory, for tests comparing Docket's output with a reference tool's. */
record CaptureFile(List<CaptureFile.Packet> packets, boolean damaged) {
  /** One record: what identifies a packet across tools is its timestamp and its bytes. */
  record Packet(long timestampNanos, int linkType, int originalLength, byte[] bytes) {
    boolean sameAs(Packet other, boolean compareTimes) {
      return (!compareTimes || timestampNanos == other.timestampNanos) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public String toString() {
      return "packet at " + timestampNanos + "ns, " + bytes.length + "/" + originalLength + " bytes";
    }
  }

  /** Every good packet of {@code file}; a damaged file's packets up to the damage. */
  static CaptureFile read(Path file) throws IOException {
    List<Packet> packets = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(file)) {
      while (reader.next()) {
        PacketView view = reader.packet();
        packets.add(new Packet(view.timestampNanos(), view.linkType(), view.originalLength(), view.copyBytes()));
      }
    } catch (CorruptCaptureException damage) {
      return new CaptureFile(packets, true);
    }
    return new CaptureFile(packets, false);
  }

  /**
   * Which of this capture's packets {@code subset} holds, by index: {@code subset} must list some of
   * them in the same order, as a filter's output does. Without {@code compareTimes}, packets are
   * told apart by their bytes alone: for a reference tool whose copies change times (classic pcap
   * ends in 2106; tcpdump keeps an invalid microsecond field of 10^6 or more as it is, where Docket
   * carries it into the seconds). Identical bytes get identical decisions from a filter, so which
   * of two identical packets a copy is matched to does not change the selection.
   */
  boolean[] selected(List<Packet> subset, String what, boolean compareTimes) {
    boolean[] selected = new boolean[packets.size()];
    int next = 0;
    for (int i = 0; i < packets.size() && next < subset.size(); i++) {
      if (packets.get(i).sameAs(subset.get(next), compareTimes)) {
        selected[i] = true;
        next++;
      }
    }
    if (next != subset.size()) {
      throw new AssertionError(what + " holds a packet that is not in the input, in input order: " + subset.get(next));
    }
    return selected;
  }
}
