package dev.docket.synthetic;

import dev.docket.query.IpAddress;
import java.util.SplittableRandom;

/**
 * The two ends of a conversation and the link between them, as seen by a sensor on the client's
 * segment: it writes everything below the transport header. Frames to a host in another subnet go
 * to the client's router, and come back from it; the IPv4 identification counts up per sender, as
 * Linux does per destination.
 */
final class Flow {
  /**
   * Routers between two subnets of the site: each lowers the TTL of the server's replies by one.
   */
  private static final int ROUTER_HOPS = 2;

  private final Host client;
  private final Host server;
  private final LinkEncapsulation link;
  private final int flowLabel;
  private int clientIdentification;
  private int serverIdentification;

  Flow(Host client, Host server, LinkEncapsulation link, SplittableRandom random) {
    this.client = client;
    this.server = server;
    this.link = link;
    this.flowLabel = random.nextInt(1 << 20);
    this.clientIdentification = random.nextInt(1 << 16);
    this.serverIdentification = random.nextInt(1 << 16);
  }

  Host client() {
    return client;
  }

  Host server() {
    return server;
  }

  int version() {
    return client.version();
  }

  IpAddress source(boolean fromClient) {
    return fromClient ? client.address() : server.address();
  }

  IpAddress destination(boolean fromClient) {
    return fromClient ? server.address() : client.address();
  }

  private boolean sameSubnet() {
    return client.subnet() == server.subnet();
  }

  private long routerMac() {
    return Subnet.ALL.get(client.subnet()).gatewayMac();
  }

  /** Writes the Ethernet header and tags; returns the offset of the network header. */
  int link(FrameWriter out, boolean fromClient, int etherType) {
    long serverSide = sameSubnet() ? server.mac() : routerMac();
    return fromClient
        ? out.ethernet(serverSide, client.mac(), link, etherType)
        : out.ethernet(client.mac(), serverSide, link, etherType);
  }

  /** The TTL or hop limit a packet has when the sensor sees it. */
  int ttl(boolean fromClient) {
    if (fromClient) {
      return client.initialTtl();
    }
    return server.initialTtl() - (sameSubnet() ? 0 : ROUTER_HOPS);
  }

  int nextIdentification(boolean fromClient) {
    int identification = fromClient ? clientIdentification++ : serverIdentification++;
    return identification & 0xFFFF;
  }

  int flowLabel() {
    return flowLabel;
  }

  /**
   * Writes the link and IP headers of an unfragmented packet carrying {@code transportLength} bytes
   * of {@code protocol}; returns the offset of the transport header.
   */
  int begin(FrameWriter out, boolean fromClient, int protocol, int transportLength) {
    if (version() == 4) {
      int at = link(out, fromClient, FrameWriter.ETHERTYPE_IPV4);
      // Linux sets DF on TCP (path MTU discovery) but not on small UDP and ICMP.
      int flags = protocol == FrameWriter.PROTOCOL_TCP ? FrameWriter.IPV4_DONT_FRAGMENT : 0;
      return out.ipv4(
          at,
          source(fromClient),
          destination(fromClient),
          protocol,
          transportLength,
          nextIdentification(fromClient),
          flags,
          ttl(fromClient));
    }
    int at = link(out, fromClient, FrameWriter.ETHERTYPE_IPV6);
    return out.ipv6(
        at,
        source(fromClient),
        destination(fromClient),
        protocol,
        transportLength,
        ttl(fromClient),
        flowLabel);
  }

  /** The pseudo-header sum for a transport checksum of a packet in this flow. */
  long pseudoHeaderSum(boolean fromClient, int protocol, int transportLength) {
    return FrameWriter.pseudoHeaderSum(
        source(fromClient), destination(fromClient), protocol, transportLength);
  }

  /** Writes a whole UDP datagram carrying {@code payload}; returns the frame's length. */
  int udp(FrameWriter out, boolean fromClient, int clientPort, int serverPort, byte[] payload) {
    int length = FrameWriter.UDP_HEADER_LENGTH + payload.length;
    int at = begin(out, fromClient, FrameWriter.PROTOCOL_UDP, length);
    out.udp(at, fromClient ? clientPort : serverPort, fromClient ? serverPort : clientPort, length);
    out.copy(payload, 0, at + FrameWriter.UDP_HEADER_LENGTH, payload.length);
    out.checksum(
        at, length, 6, pseudoHeaderSum(fromClient, FrameWriter.PROTOCOL_UDP, length), true);
    return out.finish(at + length);
  }
}
