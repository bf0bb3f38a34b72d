package dev.docket.synthetic;

import java.util.SplittableRandom;

/**
 * A UDP request and response over IPv6 with extension headers before the UDP header: hop-by-hop
 * options (a router alert), destination options, or both (RFC 8200 section 4). The UDP checksum's
 * pseudo-header skips them: it names UDP and the UDP length.
 */
final class Ipv6OptionsDatagram implements Conversation {
  /** The service port: nothing tcpdump dissects, so it prints plain UDP. */
  static final int PORT = 9001;

  private static final int OPTIONS_HEADER_LENGTH = 8;
  private static final int OPTION_PAD_N = 1;
  private static final int OPTION_ROUTER_ALERT = 5;

  private final Flow flow;
  private final int clientPort;
  private final boolean hopByHop;
  private final boolean destinationOptions;
  private final int requestLength;
  private final int responseLength;
  private final int bodyStart;
  private int written;

  Ipv6OptionsDatagram(Flow flow, SplittableRandom random) {
    this.flow = flow;
    this.clientPort = EphemeralPorts.pick(random);
    int headers = random.nextInt(3);
    this.hopByHop = headers != 1;
    this.destinationOptions = headers != 0;
    this.requestLength = random.nextInt(20, 400);
    this.responseLength = random.nextInt(20, 1200);
    this.bodyStart = random.nextInt(PayloadBytes.OPAQUE.length - 1200);
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    boolean fromClient = written++ == 0;
    int dataLength = fromClient ? requestLength : responseLength;
    int udpLength = FrameWriter.UDP_HEADER_LENGTH + dataLength;
    int extensionLength =
        (hopByHop ? OPTIONS_HEADER_LENGTH : 0) + (destinationOptions ? OPTIONS_HEADER_LENGTH : 0);
    int firstHeader =
        hopByHop ? FrameWriter.PROTOCOL_HOP_BY_HOP : FrameWriter.PROTOCOL_DESTINATION_OPTIONS;
    int at = flow.link(out, fromClient, FrameWriter.ETHERTYPE_IPV6);
    at =
        out.ipv6(
            at,
            flow.source(fromClient),
            flow.destination(fromClient),
            firstHeader,
            extensionLength + udpLength,
            flow.ttl(fromClient),
            flow.flowLabel());
    if (hopByHop) {
      out.u8(
          at,
          destinationOptions ? FrameWriter.PROTOCOL_DESTINATION_OPTIONS : FrameWriter.PROTOCOL_UDP);
      out.u8(at + 1, 0); // length in 8-byte units beyond the first 8
      out.u8(at + 2, OPTION_ROUTER_ALERT);
      out.u8(at + 3, 2);
      // Value 0 names MLD; real router alerts ride on MLD or RSVP. On UDP it is still legal, and
      // enough to exercise a decoder's walk over hop-by-hop options.
      out.u16(at + 4, 0);
      out.u8(at + 6, OPTION_PAD_N);
      out.u8(at + 7, 0);
      at += OPTIONS_HEADER_LENGTH;
    }
    if (destinationOptions) {
      out.u8(at, FrameWriter.PROTOCOL_UDP);
      out.u8(at + 1, 0);
      out.u8(at + 2, OPTION_PAD_N);
      out.u8(at + 3, 4);
      out.u32(at + 4, 0);
      at += OPTIONS_HEADER_LENGTH;
    }
    out.udp(at, fromClient ? clientPort : PORT, fromClient ? PORT : clientPort, udpLength);
    out.copy(PayloadBytes.OPAQUE, bodyStart, at + FrameWriter.UDP_HEADER_LENGTH, dataLength);
    out.checksum(
        at,
        udpLength,
        6,
        flow.pseudoHeaderSum(fromClient, FrameWriter.PROTOCOL_UDP, udpLength),
        true);
    return out.finish(at + udpLength);
  }

  @Override
  public boolean finished() {
    return written == 2;
  }
}
