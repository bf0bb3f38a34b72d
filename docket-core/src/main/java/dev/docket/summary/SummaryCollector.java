package dev.docket.summary;

import static com.google.common.base.Preconditions.checkArgument;

import dev.docket.packet.PacketView;
import dev.docket.query.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Summarises a result while it is written, in one pass and bounded memory: give it every packet
 * written, in time order, and ask for a {@link ResultSummary} at any time.
 *
 * <p>{@link #accept} is meant for the writing thread and costs a few table lookups a packet: the
 * conversation and its two addresses are packed into reused arrays of longs, so a packet allocates
 * nothing unless its conversation or an address is new (and only the first packets are formatted
 * as lines). {@link #summary()} may be called from any other thread while packets still come, as a
 * status page polls; both are synchronized, which costs the writer an uncontended lock a packet.
 *
 * <p>Memory is fixed: a histogram of a fixed number of buckets, and at most {@value #KEY_CAP}
 * conversations and as many addresses counted exactly, after which the heaviest are kept
 * approximately (see {@link HeavyHitters}) and the summary says the lists are not exact.
 */
public final class SummaryCollector {
  /** How many first packets a summary shows by default. */
  public static final int DEFAULT_FIRST_PACKETS = 20;

  static final int TOP_COUNT = 10;
  static final int KEY_CAP = 100_000;
  static final int BUCKET_COUNT = 120;

  /** [version and protocol and ports, a.high, a.low, b.high, b.low]: see {@link #conversationKey}. */
  private static final int CONVERSATION_KEY_WIDTH = 5;
  /** [version, high, low]; IPv4 in the low 32 bits of low. */
  private static final int HOST_KEY_WIDTH = 3;

  private final int firstPacketLimit;
  private final int topCount;
  private final TimeHistogram histogram;
  private final HeavyHitters conversations;
  private final HeavyHitters hosts;
  private final ProtocolCounts protocols = new ProtocolCounts();
  private final FrameKind frame = new FrameKind();
  private final long[] conversationKey = new long[CONVERSATION_KEY_WIDTH];
  private final long[] hostKey = new long[HOST_KEY_WIDTH];
  private final List<String> firstPackets = new ArrayList<>();
  private long packets;
  private long bytes;
  private long wireBytes;
  private long earliestNanos = Long.MAX_VALUE;
  private long latestNanos = Long.MIN_VALUE;

  /** A collector that keeps the first {@value #DEFAULT_FIRST_PACKETS} packets as lines. */
  public SummaryCollector() {
    this(DEFAULT_FIRST_PACKETS);
  }

  /** A collector that keeps the first {@code firstPackets} packets as lines. */
  public SummaryCollector(int firstPackets) {
    this(firstPackets, TOP_COUNT, KEY_CAP, BUCKET_COUNT);
  }

  /** For tests: a small {@code keyCap} shows what happens past it without 100,000 keys. */
  SummaryCollector(int firstPackets, int topCount, int keyCap, int bucketCount) {
    checkArgument(firstPackets >= 0, "first packets %s < 0", firstPackets);
    checkArgument(topCount >= 0, "top count %s < 0", topCount);
    this.firstPacketLimit = firstPackets;
    this.topCount = topCount;
    this.histogram = new TimeHistogram(bucketCount);
    this.conversations = new HeavyHitters(CONVERSATION_KEY_WIDTH, keyCap);
    this.hosts = new HeavyHitters(HOST_KEY_WIDTH, keyCap);
  }

  /**
   * Counts one packet written. The view is read during the call only; nothing of it is kept.
   * Called on one thread (the writer's), in time order.
   */
  public synchronized void accept(PacketView packet) {
    int captured = packet.capturedLength();
    long timestamp = packet.timestampNanos();
    packets++;
    bytes += captured;
    wireBytes += packet.originalLength();
    earliestNanos = Math.min(earliestNanos, timestamp);
    latestNanos = Math.max(latestNanos, timestamp);
    histogram.add(timestamp, captured);
    if (packet.ipVersion() == 0) {
      frame.read(packet);
      protocols.addFrame(frame.kind(), captured);
    } else {
      protocols.addIp(packet.upperProtocol(), captured);
      countAddresses(packet, captured);
    }
    if (firstPackets.size() < firstPacketLimit) {
      firstPackets.add(PacketLine.of(packet, frame));
    }
  }

  private void countAddresses(PacketView packet, int captured) {
    long sourceHigh;
    long sourceLow;
    long destinationHigh;
    long destinationLow;
    int version = packet.ipVersion();
    if (version == 4) {
      sourceHigh = 0;
      sourceLow = Integer.toUnsignedLong(packet.ipv4Source());
      destinationHigh = 0;
      destinationLow = Integer.toUnsignedLong(packet.ipv4Destination());
    } else {
      sourceHigh = packet.ipv6SourceHigh();
      sourceLow = packet.ipv6SourceLow();
      destinationHigh = packet.ipv6DestinationHigh();
      destinationLow = packet.ipv6DestinationLow();
    }
    conversationKey(
        version, packet.upperProtocol(), sourceHigh, sourceLow, packet.sourcePort(), destinationHigh,
        destinationLow, packet.destinationPort());
    conversations.add(conversationKey, captured);
    countHost(version, sourceHigh, sourceLow, captured);
    if (sourceHigh != destinationHigh || sourceLow != destinationLow) {
      countHost(version, destinationHigh, destinationLow, captured);
    }
  }

  /**
   * Packs a conversation into {@link #conversationKey}, the lower endpoint first, so that both
   * directions are one key. Word 0 holds the IP version (bit 62), the protocol plus one (bits 34
   * to 42; 0 is unknown) and each port plus one (17 bits each; 0 is none), the other words the
   * addresses; IPv4 addresses are their 32 bits in the low word, with the high word 0.
   */
  private void conversationKey(
      int version, int protocol, long aHigh, long aLow, int aPort, long bHigh, long bLow, int bPort) {
    boolean swap = compareEndpoints(aHigh, aLow, aPort, bHigh, bLow, bPort) > 0;
    long[] key = conversationKey;
    key[0] = (version == 6 ? 1L << 62 : 0)
        | (long) (protocol + 1) << 34
        | (long) ((swap ? bPort : aPort) + 1) << 17
        | ((swap ? aPort : bPort) + 1);
    key[1] = swap ? bHigh : aHigh;
    key[2] = swap ? bLow : aLow;
    key[3] = swap ? aHigh : bHigh;
    key[4] = swap ? aLow : bLow;
  }

  private static int compareEndpoints(
      long aHigh, long aLow, int aPort, long bHigh, long bLow, int bPort) {
    if (aHigh != bHigh) {
      return Long.compareUnsigned(aHigh, bHigh);
    }
    if (aLow != bLow) {
      return Long.compareUnsigned(aLow, bLow);
    }
    return Integer.compare(aPort, bPort);
  }

  private void countHost(int version, long high, long low, int captured) {
    hostKey[0] = version;
    hostKey[1] = high;
    hostKey[2] = low;
    hosts.add(hostKey, captured);
  }

  /** What was counted so far; safe to call from any thread, while packets still come. */
  public synchronized ResultSummary summary() {
    boolean any = packets > 0;
    ResultSummary.Totals totals = new ResultSummary.Totals(
        packets, bytes, wireBytes,
        any ? OptionalLong.of(earliestNanos) : OptionalLong.empty(),
        any ? OptionalLong.of(latestNanos) : OptionalLong.empty());
    return new ResultSummary(
        totals,
        new ResultSummary.Histogram(histogram.widthNanos(), histogram.buckets()),
        topConversations(),
        topHosts(),
        protocols.counts(),
        firstPackets);
  }

  private ResultSummary.Ranking<ResultSummary.Conversation> topConversations() {
    List<ResultSummary.Conversation> top = new ArrayList<>();
    for (int entry : conversations.top(topCount)) {
      long word = conversations.key(entry, 0);
      int version = (word >>> 62) == 1 ? 6 : 4;
      int protocol = (int) ((word >>> 34) & 0x1FF) - 1;
      top.add(new ResultSummary.Conversation(
          IpProtocolNames.name(protocol),
          endpoint(version, conversations.key(entry, 1), conversations.key(entry, 2), (int) ((word >>> 17) & 0x1FFFF) - 1),
          endpoint(version, conversations.key(entry, 3), conversations.key(entry, 4), (int) (word & 0x1FFFF) - 1),
          conversations.packets(entry),
          conversations.bytes(entry)));
    }
    return new ResultSummary.Ranking<>(top, conversations.exact(), conversations.distinctAtLeast());
  }

  private ResultSummary.Ranking<ResultSummary.Host> topHosts() {
    List<ResultSummary.Host> top = new ArrayList<>();
    for (int entry : hosts.top(topCount)) {
      String address = address((int) hosts.key(entry, 0), hosts.key(entry, 1), hosts.key(entry, 2));
      top.add(new ResultSummary.Host(address, hosts.packets(entry), hosts.bytes(entry)));
    }
    return new ResultSummary.Ranking<>(top, hosts.exact(), hosts.distinctAtLeast());
  }

  private static ResultSummary.Endpoint endpoint(int version, long high, long low, int port) {
    return new ResultSummary.Endpoint(
        address(version, high, low), port < 0 ? OptionalInt.empty() : OptionalInt.of(port));
  }

  private static String address(int version, long high, long low) {
    return (version == 4 ? IpAddress.ipv4((int) low) : IpAddress.ipv6(high, low)).toString();
  }
}
