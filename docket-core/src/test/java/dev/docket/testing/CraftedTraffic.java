package dev.docket.testing;

import com.google.common.collect.ImmutableList;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.query.IpAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An endless, deterministic stream of crafted Ethernet frames, for tests that need captures with a
 * bit of everything a filter, an index or a merge tells apart, spread evenly over time: IPv4 clients
 * in 10.1.0.0/16, 10.2.0.0/16 and 192.168.1.0/24 talking to servers in those networks and in
 * 198.51.100.0/24 and 203.0.113.0/24 over HTTP (TCP 80), TLS (TCP 443), SSH (TCP 22) and DNS (UDP
 * 53); pings; IPv6 (2001:db8:1::/64 to 2001:db8:2::/64: TLS, DNS behind a hop-by-hop header,
 * ICMPv6); ARP; IPv4 fragments past the first, whose port-like bytes no filter may take for ports;
 * and an 802.1Q tag (VLAN 100 or 200) on about one frame in seven. Either end may send.
 *
 * <p>The first frame is stamped at the start; the gaps after it are exponential (independent
 * arrivals) at the given mean rate, so every minute holds about the same traffic. TCP segments
 * carry up to 1,448 bytes: frames average about 650 bytes, so sizes in bytes come out as in real
 * captures. The same seed, start and rate always give the same frames and timestamps.
 *
 * <p>Written with {@link FrameBuilder}, from the wire formats, not with Docket's encoders. These are
 * frames, not conversations (no handshakes; lengths and checksums are left zero, which nothing that
 * filters reads); a test that needs a realistic site uses docket-synthetic's traffic instead.
 */
public final class CraftedTraffic implements PacketStream {
  /**
   * The IPv4 clients, the most active first: each sends or receives a share of the IPv4 client
   * traffic in proportion to 1 / (its place + 1).
   */
  public static final ImmutableList<IpAddress> CLIENTS = clients();

  /** The most active client: in about a fifth of all frames. */
  public static final IpAddress BUSY_HOST = CLIENTS.get(0);

  /** The least active client: in fewer than one frame in a hundred, as a selective query asks. */
  public static final IpAddress QUIET_HOST = CLIENTS.get(CLIENTS.size() - 1);

  private static final IpAddress HTTP_SERVER_INSIDE = IpAddress.parse("10.1.1.80");
  private static final IpAddress HTTP_SERVER_OUTSIDE = IpAddress.parse("198.51.100.80");
  private static final IpAddress TLS_SERVER_INSIDE = IpAddress.parse("10.2.1.43");
  private static final IpAddress TLS_SERVER_OUTSIDE = IpAddress.parse("203.0.113.43");
  private static final IpAddress SSH_SERVER = IpAddress.parse("10.1.1.22");
  private static final IpAddress DNS_SERVER = IpAddress.parse("10.1.1.53");
  private static final ImmutableList<IpAddress> IPV6_CLIENTS =
      ImmutableList.of(
          IpAddress.parse("2001:db8:1::10"), IpAddress.parse("2001:db8:1::11"),
          IpAddress.parse("2001:db8:1::12"), IpAddress.parse("2001:db8:1::13"));
  private static final IpAddress IPV6_TLS_SERVER = IpAddress.parse("2001:db8:2::443");
  private static final IpAddress IPV6_DNS_SERVER = IpAddress.parse("2001:db8:2::53");

  /** The running sums of the clients' weights, for a draw in proportion to them. */
  private static final double[] CLIENT_WEIGHT_SUMS = weightSums(CLIENTS.size());

  private final SplittableRandom random;
  private final double meanGapNanos;
  private final PacketView view = new PacketView();
  private long timestampNanos;
  private boolean started;

  /** Frames from {@code start}, at {@code packetsPerSecond} on average, decided by {@code seed}. */
  public CraftedTraffic(long seed, Instant start, double packetsPerSecond) {
    this.random = new SplittableRandom(seed);
    this.meanGapNanos = 1e9 / packetsPerSecond;
    this.timestampNanos = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L), start.getNano());
  }

  /** Always true: the stream never ends; callers stop at a count or a time. */
  @Override
  public boolean next() {
    if (started) {
      timestampNanos += Math.round(-Math.log(1 - random.nextDouble()) * meanGapNanos);
    }
    started = true;
    CraftedFrame frame = nextFrame();
    view.reset(ByteBuffer.wrap(frame.bytes()), 0, frame.bytes().length, frame.bytes().length, timestampNanos, frame.linkType(), 0);
    return true;
  }

  @Override
  public PacketView packet() {
    return view;
  }

  @Override
  public void close() {}

  private CraftedFrame nextFrame() {
    FrameBuilder frame = FrameBuilder.ethernet();
    if (random.nextInt(7) == 0) {
      frame.vlan(0x8100, random.nextBoolean() ? 100 : 200);
    }
    int kind = random.nextInt(100);
    if (kind < 20) {
      tcp(frame, client(), random.nextBoolean() ? HTTP_SERVER_INSIDE : HTTP_SERVER_OUTSIDE, 80);
    } else if (kind < 48) {
      tcp(frame, client(), random.nextBoolean() ? TLS_SERVER_INSIDE : TLS_SERVER_OUTSIDE, 443);
    } else if (kind < 56) {
      tcp(frame, client(), SSH_SERVER, 22);
    } else if (kind < 70) {
      dns(frame.ip(client(), DNS_SERVER));
    } else if (kind < 75) {
      frame.ip(client(), DNS_SERVER).icmp(1).pad(48);
    } else if (kind < 83) {
      tcp(frame, ipv6Client(), IPV6_TLS_SERVER, 443);
    } else if (kind < 87) {
      dns(frame.ip(ipv6Client(), IPV6_DNS_SERVER).ipv6Extension(0, 8));
    } else if (kind < 90) {
      frame.ip(ipv6Client(), IPV6_DNS_SERVER).icmp(58).pad(48);
    } else if (kind < 95) {
      frame.nonIp(28);
    } else {
      // The second half of a large DNS answer: bytes where a UDP header would be, but not one.
      frame.ipv4(DNS_SERVER, client(), 0, 185, false).udp(53, ephemeralPort()).pad(random.nextInt(100, 600));
    }
    return frame.build();
  }

  /** A segment of a connection between {@code client} and {@code server}'s {@code port}. */
  private void tcp(FrameBuilder frame, IpAddress client, IpAddress server, int port) {
    int clientPort = ephemeralPort();
    if (random.nextBoolean()) {
      frame.ip(client, server).tcp(clientPort, port);
    } else {
      frame.ip(server, client).tcp(port, clientPort);
    }
    // A third are bare acknowledgements, the rest carry data.
    frame.pad(random.nextInt(3) == 0 ? 0 : random.nextInt(1200, 1449));
  }

  /** A DNS query or answer; {@code frame} ends with the client's IP header, the server's first. */
  private void dns(FrameBuilder frame) {
    frame.udp(ephemeralPort(), 53).pad(random.nextInt(30, 200));
  }

  private IpAddress client() {
    double draw = random.nextDouble() * CLIENT_WEIGHT_SUMS[CLIENT_WEIGHT_SUMS.length - 1];
    int found = Arrays.binarySearch(CLIENT_WEIGHT_SUMS, draw);
    return CLIENTS.get(found >= 0 ? found : -found - 1);
  }

  private IpAddress ipv6Client() {
    return IPV6_CLIENTS.get(random.nextInt(IPV6_CLIENTS.size()));
  }

  private int ephemeralPort() {
    return random.nextInt(32768, 61000);
  }

  /** 28 clients, the networks taking turns down the list, so that each network has busy and quiet ones. */
  private static ImmutableList<IpAddress> clients() {
    String[] networks = {"10.1.0.", "10.2.0.", "192.168.1."};
    ImmutableList.Builder<IpAddress> clients = ImmutableList.builder();
    for (int i = 0; i < 28; i++) {
      clients.add(IpAddress.parse(networks[i % networks.length] + (10 + i / networks.length)));
    }
    return clients.build();
  }

  private static double[] weightSums(int count) {
    double[] sums = new double[count];
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += 1.0 / (i + 1);
      sums[i] = sum;
    }
    return sums;
  }
}
