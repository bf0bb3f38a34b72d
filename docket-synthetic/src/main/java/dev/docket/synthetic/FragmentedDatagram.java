package dev.docket.synthetic;

import java.util.SplittableRandom;

/**
 * A UDP datagram too large for a 1500-byte MTU, sent as two or three IP fragments: IPv4 fragments,
 * or IPv6 packets with a fragment header. Only the first fragment carries the UDP header, whose
 * checksum covers the whole datagram.
 */
final class FragmentedDatagram implements Conversation {
  /** The service port the datagrams go to: nothing tcpdump dissects, so it prints plain UDP. */
  static final int PORT = 9000;

  private static final int MTU = 1500;
  private static final int FRAGMENT_HEADER_LENGTH = 8;

  private final Flow flow;
  private final int clientPort;
  private final int datagramLength;
  private final int bodyStart;
  private final int checksum;
  private final int identification;
  private final int fragmentLength; // data bytes per fragment but the last; a multiple of 8
  private int offset;

  FragmentedDatagram(Flow flow, SplittableRandom random) {
    this.flow = flow;
    this.clientPort = EphemeralPorts.pick(random);
    boolean v4 = flow.version() == 4;
    int fragmentLength =
        v4
            ? MTU - FrameWriter.IPV4_HEADER_LENGTH
            : MTU - FrameWriter.IPV6_HEADER_LENGTH - FRAGMENT_HEADER_LENGTH;
    this.fragmentLength = fragmentLength & ~7;
    int fragments = 2 + random.nextInt(2);
    this.datagramLength =
        random.nextInt(
            (fragments - 1) * this.fragmentLength + 64, fragments * this.fragmentLength + 1);
    int bodyLength = datagramLength - FrameWriter.UDP_HEADER_LENGTH;
    this.bodyStart = random.nextInt(PayloadBytes.OPAQUE.length - bodyLength);
    this.identification = v4 ? flow.nextIdentification(true) : random.nextInt();
    // The checksum covers data not yet written, so it is summed from the body's source up front.
    long sum = flow.pseudoHeaderSum(true, FrameWriter.PROTOCOL_UDP, datagramLength);
    sum += clientPort + PORT + datagramLength;
    sum = InternetChecksum.add(sum, PayloadBytes.OPAQUE, bodyStart, bodyLength);
    int computed = InternetChecksum.finish(sum);
    this.checksum = computed == 0 ? 0xFFFF : computed;
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    int length = Math.min(fragmentLength, datagramLength - offset);
    boolean more = offset + length < datagramLength;
    int at;
    if (flow.version() == 4) {
      at = flow.link(out, true, FrameWriter.ETHERTYPE_IPV4);
      int flags = (more ? FrameWriter.IPV4_MORE_FRAGMENTS : 0) | offset / 8;
      at =
          out.ipv4(
              at,
              flow.source(true),
              flow.destination(true),
              FrameWriter.PROTOCOL_UDP,
              length,
              identification,
              flags,
              flow.ttl(true));
    } else {
      at = flow.link(out, true, FrameWriter.ETHERTYPE_IPV6);
      at =
          out.ipv6(
              at,
              flow.source(true),
              flow.destination(true),
              FrameWriter.PROTOCOL_FRAGMENT,
              FRAGMENT_HEADER_LENGTH + length,
              flow.ttl(true),
              flow.flowLabel());
      out.u8(at, FrameWriter.PROTOCOL_UDP);
      out.u8(at + 1, 0);
      out.u16(at + 2, offset | (more ? 1 : 0)); // offset in 8-byte units, shifted left by 3
      out.u32(at + 4, identification);
      at += FRAGMENT_HEADER_LENGTH;
    }
    int end = at + length;
    if (offset == 0) {
      out.udp(at, clientPort, PORT, datagramLength);
      out.u16(at + 6, checksum);
      out.copy(
          PayloadBytes.OPAQUE,
          bodyStart,
          at + FrameWriter.UDP_HEADER_LENGTH,
          length - FrameWriter.UDP_HEADER_LENGTH);
    } else {
      out.copy(PayloadBytes.OPAQUE, bodyStart + offset - FrameWriter.UDP_HEADER_LENGTH, at, length);
    }
    offset += length;
    return out.finish(end);
  }

  @Override
  public boolean finished() {
    return offset == datagramLength;
  }
}
