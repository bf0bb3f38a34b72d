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
import java.util.Arrays;

/**
 * What one block of a capture file holds, as far as a query can tell without reading it: its byte
 * range (whole records), its packets' time range, and every IP version, upper protocol, address and
 * port its packets carry, as the filters decode them ({@link dev.docket.packet.PacketView}: the
 * outermost IP header, past VLAN tags and MPLS labels). A query that cannot match any of those
 * values cannot match a packet of the block, so the block need not be read: {@link #mayHold} is
 * false only when that is proven, which keeps every answer exact.
 *
 * <p>The values are sorted and distinct, so a network or a port range is a binary search. IPv4
 * addresses are kept whole; IPv6 addresses as their first 64 bits (for networks) and a 64-bit
 * digest of all 128 (for hosts: a collision only costs reading the block). VLAN ids and MPLS labels
 * are not kept: a query on them reads every block.
 */
final class BlockSummary {
  private final long start;
  private final long end;
  private final long packets;
  private final long earliestNanos;
  private final long latestNanos;
  /** Bit 4 set when a packet is IPv4, bit 6 when one is IPv6. */
  private final int ipVersions;
  /** Bit {@code n} set when a packet's upper protocol is {@code n}. */
  private final long[] protocols;
  /** IPv4 addresses, each stored as {@code bits ^ Integer.MIN_VALUE} so signed order is unsigned order. */
  private final int[] ipv4;
  /** The first 64 bits of IPv6 addresses, each {@code ^ Long.MIN_VALUE}, sorted. */
  private final long[] ipv6Prefixes;
  /** {@link #ipv6Digest} of IPv6 addresses, sorted. */
  private final long[] ipv6Digests;
  private final int[] ports;

  BlockSummary(
      long start,
      long end,
      long packets,
      long earliestNanos,
      long latestNanos,
      int ipVersions,
      long[] protocols,
      int[] ipv4,
      long[] ipv6Prefixes,
      long[] ipv6Digests,
      int[] ports) {
    this.start = start;
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
    return start;
  }

  /** The file offset just past the block's last record. */
  long end() {
    return end;
  }

  long packets() {
    return packets;
  }

  /** Whether a packet of this block may lie in {@code window}: false only when the block's times prove it cannot. */
  boolean mayOverlap(TimeWindow window) {
    return (window.after() == null || latestNanos >= TimeStamps.nanos(window.after()))
        && (window.before() == null || earliestNanos < TimeStamps.nanos(window.before()));
  }

  /** Whether a packet of this block may match {@code query}: false only when the block's values prove none can. */
  boolean mayHold(Query query) {
    if (query instanceof And and) {
      return mayHold(and.left()) && mayHold(and.right());
    }
    if (query instanceof Or or) {
      return mayHold(or.left()) || mayHold(or.right());
    }
    if (query instanceof Not) {
      return true; // would need to know that every packet matches the operand
    }
    if (query instanceof Host host) {
      return mayHoldAddress(host.address(), host.address().bitLength());
    }
    if (query instanceof Net net) {
      return mayHoldAddress(net.network(), net.prefixLength());
    }
    if (query instanceof Port port) {
      return anyBetween(ports, port.low(), port.high());
    }
    if (query instanceof Proto proto) {
      return (protocols[proto.number() >>> 6] & (1L << proto.number())) != 0;
    }
    if (query instanceof IpVersion version) {
      return (ipVersions & (1 << version.version())) != 0;
    }
    if (query instanceof TimeBound bound) {
      // As instants, not saturated nanoseconds: a bound past a long's range admits no packet at all.
      return bound.admits(TimeStamps.instant(bound.side() == TimeBound.Side.AFTER ? latestNanos : earliestNanos));
    }
    return true; // VLAN ids and MPLS labels are not summarized
  }

  private boolean mayHoldAddress(IpAddress network, int prefixLength) {
    if (network.version() == 4) {
      long mask = prefixLength == 0 ? 0 : (0xffff_ffffL << (32 - prefixLength)) & 0xffff_ffffL;
      long low = network.low() & mask;
      long high = low | (~mask & 0xffff_ffffL);
      return anyBetween(ipv4, (int) low ^ Integer.MIN_VALUE, (int) high ^ Integer.MIN_VALUE);
    }
    if (prefixLength == 128) {
      return Arrays.binarySearch(ipv6Digests, ipv6Digest(network.high(), network.low())) >= 0;
    }
    int prefixBits = Math.min(prefixLength, 64);
    long mask = prefixBits == 0 ? 0 : -1L << (64 - prefixBits);
    long low = network.high() & mask;
    return anyBetween(ipv6Prefixes, low ^ Long.MIN_VALUE, (low | ~mask) ^ Long.MIN_VALUE);
  }

  /** Whether sorted {@code values} hold one in {@code [low, high]}. */
  private static boolean anyBetween(int[] values, int low, int high) {
    int at = Arrays.binarySearch(values, low);
    if (at >= 0) {
      return true;
    }
    int insertion = -at - 1;
    return insertion < values.length && values[insertion] <= high;
  }

  private static boolean anyBetween(long[] values, long low, long high) {
    int at = Arrays.binarySearch(values, low);
    if (at >= 0) {
      return true;
    }
    int insertion = -at - 1;
    return insertion < values.length && values[insertion] <= high;
  }

  /**
   * A 64-bit digest of an IPv6 address: murmur3's finalizer over the first half, mixed into the
   * second and finalized again. Equal addresses give equal digests; structured different ones (such
   * as two that differ only in the top bit of each half) do not collide, as they would under a plain
   * multiply-and-add.
   */
  static long ipv6Digest(long high, long low) {
    return mix(mix(high) ^ low);
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
    return 8 * 5 + 4 + 8 * 4 + 4 * 4 + 4 * ipv4.length + 8 * ipv6Prefixes.length + 8 * ipv6Digests.length + 4 * ports.length;
  }

  void write(ByteBuffer out) {
    out.putLong(start).putLong(end).putLong(packets).putLong(earliestNanos).putLong(latestNanos);
    out.putInt(ipVersions);
    for (long word : protocols) {
      out.putLong(word);
    }
    out.putInt(ipv4.length).putInt(ipv6Prefixes.length).putInt(ipv6Digests.length).putInt(ports.length);
    out.asIntBuffer().put(ipv4);
    out.position(out.position() + 4 * ipv4.length);
    out.asLongBuffer().put(ipv6Prefixes);
    out.position(out.position() + 8 * ipv6Prefixes.length);
    out.asLongBuffer().put(ipv6Digests);
    out.position(out.position() + 8 * ipv6Digests.length);
    out.asIntBuffer().put(ports);
    out.position(out.position() + 4 * ports.length);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws java.nio.BufferUnderflowException when the bytes end first
   * @throws IllegalArgumentException when a count is impossible
   */
  static BlockSummary read(ByteBuffer in) {
    long start = in.getLong();
    long end = in.getLong();
    long packets = in.getLong();
    long earliest = in.getLong();
    long latest = in.getLong();
    int versions = in.getInt();
    long[] protocols = new long[4];
    for (int i = 0; i < protocols.length; i++) {
      protocols[i] = in.getLong();
    }
    int[] ipv4 = new int[count(in, 4)];
    long[] ipv6Prefixes = new long[count(in, 8)];
    long[] ipv6Digests = new long[count(in, 8)];
    int[] ports = new int[count(in, 4)];
    in.asIntBuffer().get(ipv4);
    in.position(in.position() + 4 * ipv4.length);
    in.asLongBuffer().get(ipv6Prefixes);
    in.position(in.position() + 8 * ipv6Prefixes.length);
    in.asLongBuffer().get(ipv6Digests);
    in.position(in.position() + 8 * ipv6Digests.length);
    in.asIntBuffer().get(ports);
    in.position(in.position() + 4 * ports.length);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("block range " + start + "-" + end);
    }
    return new BlockSummary(start, end, packets, earliest, latest, versions, protocols, ipv4, ipv6Prefixes, ipv6Digests, ports);
  }

  /** A count read from {@code in}, checked against the bytes left so a damaged index allocates nothing absurd. */
  private static int count(ByteBuffer in, int bytesEach) {
    int count = in.getInt();
    if (count < 0 || (long) count * bytesEach > in.remaining()) {
      throw new IllegalArgumentException("count " + count + " exceeds the index");
    }
    return count;
  }
}
