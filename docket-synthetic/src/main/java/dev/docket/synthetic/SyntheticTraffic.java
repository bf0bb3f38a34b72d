package dev.docket.synthetic;

import com.google.common.collect.ImmutableList;
import dev.docket.packet.LinkType;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.query.Direction;
import dev.docket.query.IpAddress;
import dev.docket.query.Net;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic stream of realistic Ethernet traffic from a synthetic site of a few hundred hosts
 * in {@link #networks()}: interleaved TCP sessions (HTTP, TLS, SSH, databases), DNS, pings, ARP,
 * IPv6 with extension headers, fragmented UDP, on untagged, 802.1Q, QinQ and MPLS links. Every
 * length and checksum is correct. The same {@link TrafficSpec} always yields the same frames and
 * timestamps, which never decrease.
 *
 * <p>Frames are written into one reused buffer: a packet is valid until the next call to {@link
 * #next()}, and generating one allocates nothing but an occasional new conversation. The stream
 * reads nothing, so it never throws {@link java.io.IOException}.
 */
public final class SyntheticTraffic implements PacketStream {
  /** Conversations in progress at once: their frames interleave as on a shared link. */
  private static final int CONCURRENT_CONVERSATIONS = 64;

  private final TrafficSpec spec;
  private final SplittableRandom random;
  private final HostPool hosts;
  private final ConversationMix mix;
  private final Conversation[] conversations = new Conversation[CONCURRENT_CONVERSATIONS];
  private final FrameWriter writer = new FrameWriter();
  private final ByteBuffer buffer = ByteBuffer.wrap(writer.bytes());
  private final PacketView view = new PacketView();
  private final double meanGapNanos;
  private long timestampNanos;
  private long packets;
  private long capturedBytes;
  private boolean ended;

  public SyntheticTraffic(TrafficSpec spec) {
    this(spec, null);
  }

  /**
   * The site of {@code spec.seed()} (the same hosts), but conversations drawn from {@code
   * streamSeed}: another stretch of the same site's traffic, as {@link SiteTraffic} cuts them.
   */
  SyntheticTraffic(TrafficSpec spec, @Nullable Long streamSeed) {
    this.spec = spec;
    SplittableRandom site = new SplittableRandom(spec.seed());
    this.hosts = HostPool.generate(site);
    this.random = streamSeed == null ? site : new SplittableRandom(streamSeed);
    this.mix = new ConversationMix(hosts);
    for (int i = 0; i < conversations.length; i++) {
      conversations[i] = mix.next(random);
    }
    this.meanGapNanos = spec.meanGap().toNanos();
    this.timestampNanos =
        Math.addExact(
            Math.multiplyExact(spec.start().getEpochSecond(), 1_000_000_000L),
            spec.start().getNano());
  }

  /**
   * The site's networks: 10.1.0.0/16, 10.2.0.0/16, 192.168.1.0/24, 172.16.5.0/24, 198.51.100.0/24,
   * 203.0.113.0/24, 2001:db8:1::/64 and 2001:db8:2::/64. Every IP address in the traffic lies in
   * one.
   */
  public static List<Net> networks() {
    return Subnet.ALL.stream()
        .map(subnet -> new Net(Direction.EITHER, subnet.network(), subnet.prefixLength()))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Every host's address, the busiest first: hosts take part in conversations in proportion to
   * weights that fall with their place in this list. The first few are good targets for a selective
   * {@code host} query, the last for a rare one. Depends on the seed only.
   */
  public List<IpAddress> busiestHosts() {
    return hosts.addressesByActivity();
  }

  HostPool hosts() {
    return hosts;
  }

  public TrafficSpec spec() {
    return spec;
  }

  @Override
  public boolean next() {
    if (ended || packets == spec.packetLimit()) {
      ended = true;
      return false;
    }
    if (packets > 0) {
      // Exponential gaps: 1 - nextDouble() is in (0, 1], so the logarithm is finite.
      timestampNanos += (long) (-meanGapNanos * Math.log(1 - random.nextDouble()));
    }
    int slot = random.nextInt(conversations.length);
    Conversation conversation = conversations[slot];
    int length = conversation.writeNext(writer, timestampNanos);
    if (conversation.finished()) {
      conversations[slot] = mix.next(random);
    }
    if (length > spec.byteBudget() - capturedBytes) {
      ended = true;
      return false;
    }
    packets++;
    capturedBytes += length;
    view.reset(buffer, 0, length, length, timestampNanos, LinkType.ETHERNET, 0);
    return true;
  }

  @Override
  public PacketView packet() {
    return view;
  }

  /** Ends the stream: {@link #next()} returns false from now on. */
  @Override
  public void close() {
    ended = true;
  }
}
