package dev.docket.store;

import dev.docket.query.And;
import dev.docket.query.Host;
import dev.docket.query.IpAddress;
import dev.docket.query.IpVersion;
import dev.docket.query.Net;
import dev.docket.query.Not;
import dev.docket.query.Or;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.query.TimeWindow;
import java.nio.ByteBuffer;

/**
 * What one block of a capture file holds, as far as a query can tell without reading it. A block is
 * a run of whole records cut into up to {@link SegmentValues#MAX_SEGMENTS} segments; the summary
 * keeps each segment's byte range and time range, and every IP version, upper protocol, address and
 * port the packets carry (as the filters decode them, {@link dev.docket.packet.PacketView}: the
 * outermost IP header, past VLAN tags and MPLS labels) with the segments that carry it. A segment
 * none of whose values can match a query cannot hold a matching packet, so it need not be read:
 * {@link #segmentsHolding} leaves a segment out only when that is proven, which keeps every answer
 * exact.
 *
 * <p>IPv4 addresses are kept whole; IPv6 addresses as their first 59 bits (for networks) and a
 * 59-bit digest of all 128 (for hosts: a collision only costs reading a segment). VLAN ids and MPLS
 * labels are not kept: a query on them reads every segment.
 */
final class BlockSummary {
  private final long[] segmentStarts;
  private final long end;
  private final long packets;
  private final long[] earliestNanos;
  private final long[] latestNanos;
  private final SegmentValues ipVersions;
  private final SegmentValues protocols;
  /** IPv4 addresses, as {@code bits ^ Integer.MIN_VALUE}: signed order is the addresses' order. */
  private final SegmentValues ipv4;
  /** IPv6 addresses' first 64 bits, as {@code (bits ^ Long.MIN_VALUE) >> 5}. */
  private final SegmentValues ipv6Prefixes;
  /** {@link #ipv6Digest} of IPv6 addresses. */
  private final SegmentValues ipv6Digests;
  private final SegmentValues ports;

  BlockSummary(
      long[] segmentStarts,
      long end,
      long packets,
      long[] earliestNanos,
      long[] latestNanos,
      SegmentValues ipVersions,
      SegmentValues protocols,
      SegmentValues ipv4,
      SegmentValues ipv6Prefixes,
      SegmentValues ipv6Digests,
      SegmentValues ports) {
    this.segmentStarts = segmentStarts;
    this.end = end;
    this.packets = packets;
    this.earliestNanos = earliestNanos;
    this.latestNanos = latestNanos;
    this.ipVersions = ipVersions;
    this.protocols = protocols;
    this.ipv4 = ipv4;
    this.ipv6Prefixes = ipv6Prefixes;
    this.ipv6Digests = ipv6Digests;
    this.ports = ports;
  }

  /** The file offset of the block's first record. */
  long start() {
    return segmentStarts[0];
  }

  /** The file offset just past the block's last record. */
  long end() {
    return end;
  }

  long packets() {
    return packets;
  }

  int segmentCount() {
    return segmentStarts.length;
  }

  long segmentStart(int segment) {
    return segmentStarts[segment];
  }

  long segmentEnd(int segment) {
    return segment + 1 < segmentStarts.length ? segmentStarts[segment + 1] : end;
  }

  private int allSegments() {
    return -1 >>> (Integer.SIZE - segmentStarts.length);
  }

  /** The segments (a bit each) whose packets' times may lie in {@code window}. */
  int segmentsIn(TimeWindow window) {
    long after = window.after() == null ? Long.MIN_VALUE : TimeStamps.nanos(window.after());
    long before = window.before() == null ? Long.MAX_VALUE : TimeStamps.nanos(window.before());
    int segments = 0;
    for (int i = 0; i < segmentStarts.length; i++) {
      if (latestNanos[i] >= after && (window.before() == null || earliestNanos[i] < before)) {
        segments |= 1 << i;
      }
    }
    return segments;
  }

  /** The segments (a bit each) that may hold a packet matching {@code query}. */
  int segmentsHolding(Query query) {
    if (query instanceof And and) {
      int left = segmentsHolding(and.left());
      return left == 0 ? 0 : left & segmentsHolding(and.right());
    }
    if (query instanceof Or or) {
      return segmentsHolding(or.left()) | segmentsHolding(or.right());
    }
    if (query instanceof Not) {
      return allSegments(); // would need to know that every packet matches the operand
    }
    if (query instanceof Host host) {
      return segmentsHolding(host.address(), host.address().bitLength());
    }
    if (query instanceof Net net) {
      return segmentsHolding(net.network(), net.prefixLength());
    }
    if (query instanceof Port port) {
      return ports.segmentsBetween(port.low(), port.high());
    }
    if (query instanceof Proto proto) {
      return protocols.segmentsBetween(proto.number(), proto.number());
    }
    if (query instanceof IpVersion version) {
      return ipVersions.segmentsBetween(version.version(), version.version());
    }
    if (query instanceof TimeBound bound) {
      int segments = 0;
      for (int i = 0; i < segmentStarts.length; i++) {
        // As instants, not saturated nanoseconds: a bound past a long's range admits no packet at all.
        long nearest = bound.side() == TimeBound.Side.AFTER ? latestNanos[i] : earliestNanos[i];
        if (bound.admits(TimeStamps.instant(nearest))) {
          segments |= 1 << i;
        }
      }
      return segments;
    }
    return allSegments(); // VLAN ids and MPLS labels are not summarized
  }

  private int segmentsHolding(IpAddress network, int prefixLength) {
    if (network.version() == 4) {
      long mask = prefixLength == 0 ? 0 : (0xffff_ffffL << (32 - prefixLength)) & 0xffff_ffffL;
      long low = network.low() & mask;
      long high = low | (~mask & 0xffff_ffffL);
      return ipv4.segmentsBetween((int) low ^ Integer.MIN_VALUE, (int) high ^ Integer.MIN_VALUE);
    }
    if (prefixLength == 128) {
      long digest = ipv6Digest(network.high(), network.low());
      return ipv6Digests.segmentsBetween(digest, digest);
    }
    int prefixBits = Math.min(prefixLength, 64);
    long mask = prefixBits == 0 ? 0 : -1L << (64 - prefixBits);
    long low = network.high() & mask;
    return ipv6Prefixes.segmentsBetween(ipv6Prefix(low), ipv6Prefix(low | ~mask));
  }

  /** How {@link #ipv6Prefixes} keeps an address's first 64 bits: 59 bits, in the addresses' order. */
  static long ipv6Prefix(long high) {
    return (high ^ Long.MIN_VALUE) >> 5;
  }

  /**
   * A 59-bit digest of an IPv6 address: murmur3's finalizer over the first half, mixed into the
   * second and finalized again. Equal addresses give equal digests; structured different ones (such
   * as two that differ only in the top bit of each half) do not collide, as they would under a plain
   * multiply-and-add.
   */
  static long ipv6Digest(long high, long low) {
    return mix(mix(high) ^ low) >> 5;
  }

  private static long mix(long value) {
    value ^= value >>> 33;
    value *= 0xff51afd7ed558ccdL;
    value ^= value >>> 33;
    value *= 0xc4ceb9fe1a85ec53L;
    return value ^ (value >>> 33);
  }

  /** The bytes {@link #read} reads back. */
  int serializedSize() {
    return 4 + 8 * 3 * segmentStarts.length + 8 + 8
        + ipVersions.serializedSize()
        + protocols.serializedSize()
        + ipv4.serializedSize()
        + ipv6Prefixes.serializedSize()
        + ipv6Digests.serializedSize()
        + ports.serializedSize();
  }

  void write(ByteBuffer out) {
    out.putInt(segmentStarts.length);
    putLongs(out, segmentStarts);
    putLongs(out, earliestNanos);
    putLongs(out, latestNanos);
    out.putLong(end).putLong(packets);
    ipVersions.write(out);
    protocols.write(out);
    ipv4.write(out);
    ipv6Prefixes.write(out);
    ipv6Digests.write(out);
    ports.write(out);
  }

  // In bulk: an index of a few thousand blocks is read by a JVM that has compiled nothing yet, where
  // a call per long is what loading it costs.
  private static void putLongs(ByteBuffer out, long[] values) {
    out.asLongBuffer().put(values);
    out.position(out.position() + Long.BYTES * values.length);
  }

  private static long[] getLongs(ByteBuffer in, int count) {
    long[] values = new long[count];
    in.asLongBuffer().get(values);
    in.position(in.position() + Long.BYTES * count);
    return values;
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws java.nio.BufferUnderflowException when the bytes end first
   * @throws IllegalArgumentException when what they say is impossible
   */
  static BlockSummary read(ByteBuffer in) {
    int count = in.getInt();
    if (count < 1 || count > SegmentValues.MAX_SEGMENTS) {
      throw new IllegalArgumentException("segment count " + count);
    }
    long[] starts = getLongs(in, count);
    long[] earliest = getLongs(in, count);
    long[] latest = getLongs(in, count);
    for (int i = 1; i < count; i++) {
      if (starts[i] <= starts[i - 1]) {
        throw new IllegalArgumentException("segments out of order");
      }
    }
    long end = in.getLong();
    long packets = in.getLong();
    if (starts[0] < 0 || end <= starts[count - 1]) {
      throw new IllegalArgumentException("block range " + starts[0] + "-" + end);
    }
    return new BlockSummary(
        starts,
        end,
        packets,
        earliest,
        latest,
        SegmentValues.read(in),
        SegmentValues.read(in),
        SegmentValues.read(in),
        SegmentValues.read(in),
        SegmentValues.read(in),
        SegmentValues.read(in));
  }
}
