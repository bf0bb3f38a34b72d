package dev.docket.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packets and bytes per protocol: IP packets by the protocol after the outermost IP header, in
 * arrays indexed by number; other frames by {@link FrameKind}, in a short list searched in order
 * (a capture holds a handful of kinds). Kinds beyond {@link #KIND_LIMIT} are counted as one, so
 * that a capture of random ethertypes cannot grow the list without end.
 */
final class ProtocolCounts {
  static final int KIND_LIMIT = 64;

  /** By protocol number plus one; slot 0 is {@link IpProtocolNames#UNKNOWN}. */
  private final long[] ipPackets = new long[257];
  private final long[] ipBytes = new long[257];
  private long[] kinds = new long[8];
  private long[] kindPackets = new long[8];
  private long[] kindBytes = new long[8];
  private int kindCount;

  void addIp(int protocol, long bytes) {
    ipPackets[protocol + 1]++;
    ipBytes[protocol + 1] += bytes;
  }

  void addFrame(long kind, long bytes) {
    int index = indexOf(kind);
    kindPackets[index]++;
    kindBytes[index] += bytes;
  }

  private int indexOf(long kind) {
    for (int i = 0; i < kindCount; i++) {
      if (kinds[i] == kind) {
        return i;
      }
    }
    if (kindCount == KIND_LIMIT - 1 && kind != FrameKind.OTHER) {
      return indexOf(FrameKind.OTHER);
    }
    if (kindCount == kinds.length) {
      kinds = Arrays.copyOf(kinds, 2 * kindCount);
      kindPackets = Arrays.copyOf(kindPackets, 2 * kindCount);
      kindBytes = Arrays.copyOf(kindBytes, 2 * kindCount);
    }
    kinds[kindCount] = kind;
    return kindCount++;
  }

  /**
   * Every protocol seen, the most bytes first (then by name). Two sources of one name (IPv6 cut off
   * in its extension headers, or in its fixed header) are one entry.
   */
  List<ResultSummary.ProtocolCount> counts() {
    Map<String, long[]> byName = new LinkedHashMap<>();
    for (int slot = 0; slot < ipPackets.length; slot++) {
      if (ipPackets[slot] > 0) {
        add(byName, IpProtocolNames.name(slot - 1), ipPackets[slot], ipBytes[slot]);
      }
    }
    for (int i = 0; i < kindCount; i++) {
      add(byName, FrameKind.name(kinds[i]), kindPackets[i], kindBytes[i]);
    }
    List<ResultSummary.ProtocolCount> counts = new ArrayList<>();
    byName.forEach((name, sums) -> counts.add(new ResultSummary.ProtocolCount(name, sums[0], sums[1])));
    counts.sort(
        Comparator.comparingLong(ResultSummary.ProtocolCount::bytes)
            .reversed()
            .thenComparing(ResultSummary.ProtocolCount::protocol));
    return counts;
  }

  private static void add(Map<String, long[]> byName, String name, long packets, long bytes) {
    long[] sums = byName.computeIfAbsent(name, unused -> new long[2]);
    sums[0] += packets;
    sums[1] += bytes;
  }
}
