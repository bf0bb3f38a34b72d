package dev.docket.stenographer;

import com.google.common.collect.ImmutableList;
import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import dev.docket.pcap.PcapWriter;
import dev.docket.query.IpAddress;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameBuilder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A capture for a sensor's feed made of what Stenographer's index and Docket's filter tell apart:
 * Ethernet frames behind no tag, 802.1Q, QinQ (802.1ad then 802.1Q), a 0x9100 tag or an MPLS stack
 * of one or two labels; IPv4 with and without options, first and later fragments; IPv6 with
 * hop-by-hop, routing and destination-options headers, AH, first and later fragments, and
 * IPv4-mapped addresses; TCP, UDP, SCTP, ICMP, ICMPv6 and GRE; and non-IP frames. Values come
 * from small pools ({@link #IPV4}, {@link #PORTS}...), which the queries against it draw from too.
 */
final class IndexCornerTraffic {
  static final ImmutableList<IpAddress> IPV4 = addresses("10.0.0.1", "10.0.0.2", "10.1.0.5", "192.168.1.9");
  static final ImmutableList<IpAddress> IPV6 =
      addresses("2001:db8::1", "2001:db8::2", "2001:db8:1::7", "::ffff:10.0.0.1", "::ffff:10.0.0.2");
  static final ImmutableList<Integer> PORTS = ImmutableList.of(53, 80, 443, 5060, 9000);
  static final ImmutableList<Integer> PROTOCOLS = ImmutableList.of(6, 17, 132, 1, 58, 47);
  /** Outer tags are stripped at capture (google/stenographer#211); inner ones are stored. */
  static final ImmutableList<Integer> VLANS = ImmutableList.of(10, 20, 1001);
  static final ImmutableList<Integer> LABELS = ImmutableList.of(16, 17, 1000);

  private final SplittableRandom random;

  private IndexCornerTraffic(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Writes {@code count} frames, decided by {@code seed}, to a classic pcap at {@code file}. */
  static Path write(Path file, long seed, int count) throws IOException {
    IndexCornerTraffic traffic = new IndexCornerTraffic(seed);
    PacketView view = new PacketView();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET)) {
      for (int i = 0; i < count; i++) {
        CraftedFrame frame = traffic.frame();
        view.reset(ByteBuffer.wrap(frame.bytes()), 0, frame.bytes().length, frame.bytes().length, 1_000_000_000L * i, frame.linkType(), 0);
        writer.write(view);
      }
    }
    return file;
  }

  private CraftedFrame frame() {
    FrameBuilder frame = FrameBuilder.ethernet();
    switch (random.nextInt(8)) {
      case 0, 1 -> frame.vlan(0x8100, pick(VLANS));
      case 2 -> frame.vlan(0x88A8, pick(VLANS)).vlan(0x8100, pick(VLANS));
      case 3 -> frame.vlan(0x9100, pick(VLANS));
      case 4 -> {
        frame.mpls(pick(LABELS));
        if (random.nextBoolean()) {
          frame.mpls(pick(LABELS));
        }
      }
      default -> {
        // untagged
      }
    }
    int kind = random.nextInt(10);
    if (kind == 0) {
      return frame.nonIp(28).build();
    }
    boolean first;
    if (kind <= 4) {
      IpAddress[] ends = ends(IPV4);
      int offset = random.nextInt(4) == 0 ? 1 + random.nextInt(200) : 0;
      frame.ipv4(ends[0], ends[1], random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 0, offset, random.nextBoolean());
      first = offset == 0;
    } else {
      IpAddress[] ends = ends(IPV6);
      frame.ipv6(ends[0], ends[1]);
      first = ipv6Extensions(frame);
    }
    upper(frame, first);
    return frame.pad(random.nextInt(3) == 0 ? random.nextInt(1, 200) : 0).build();
  }

  /** Zero to three extension headers; whether the packet is unfragmented or a first fragment. */
  private boolean ipv6Extensions(FrameBuilder frame) {
    boolean first = true;
    int headers = random.nextInt(4);
    for (int i = 0; i < headers; i++) {
      switch (random.nextInt(6)) {
        case 0 -> frame.ipv6Extension(0, 8);
        case 1 -> frame.ipv6Extension(60, 16);
        case 2 -> frame.ipv6Extension(43, 8);
        case 3 -> frame.ipv6Extension(51, 16);
        default -> {
          int offset = random.nextBoolean() ? 0 : 1 + random.nextInt(200);
          frame.ipv6Fragment(offset, random.nextBoolean());
          first &= offset == 0;
        }
      }
    }
    return first;
  }

  /** The upper layer; a later fragment carries payload bytes that look like ports. */
  private void upper(FrameBuilder frame, boolean first) {
    int protocol = pick(PROTOCOLS);
    int source = random.nextInt(3) == 0 ? pick(PORTS) : 32768 + random.nextInt(28000);
    int destination = pick(PORTS);
    switch (protocol) {
      case 6 -> frame.tcp(source, destination);
      case 17 -> frame.udp(source, destination);
      case 132 -> frame.sctp(source, destination);
      case 1, 58 -> frame.icmp(protocol);
      default -> frame.upperLayer(protocol, 16);
    }
    if (!first) {
      frame.pad(8);
    }
  }

  private IpAddress[] ends(ImmutableList<IpAddress> pool) {
    IpAddress a = pick(pool);
    IpAddress b = pick(pool);
    return random.nextBoolean() ? new IpAddress[] {a, b} : new IpAddress[] {b, a};
  }

  private <T> T pick(ImmutableList<T> pool) {
    return pool.get(random.nextInt(pool.size()));
  }

  private static ImmutableList<IpAddress> addresses(String... texts) {
    ImmutableList.Builder<IpAddress> addresses = ImmutableList.builder();
    for (String text : texts) {
      addresses.add(IpAddress.parse(text));
    }
    return addresses.build();
  }
}
