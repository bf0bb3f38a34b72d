package dev.docket.synthetic;

import java.util.SplittableRandom;

/**
 * A ping: one to four ICMP (or ICMPv6) echo requests, each answered. The data is what Linux ping
 * sends: a 16-byte timeval of the send time, then the bytes 0x10, 0x11, ... up to 56 bytes.
 */
final class EchoExchange implements Conversation {
  private static final int HEADER_LENGTH = 8;
  private static final int DATA_LENGTH = 56;
  private static final int TIMEVAL_LENGTH = 16;

  private final Flow flow;
  private final int identifier;
  private final int requests;
  private int written;
  private long requestTimeNanos;

  EchoExchange(Flow flow, SplittableRandom random) {
    this.flow = flow;
    this.identifier = random.nextInt(1 << 16);
    this.requests = 1 + random.nextInt(4);
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    boolean request = written % 2 == 0;
    int sequence = 1 + written / 2;
    written++;
    if (request) {
      requestTimeNanos = timestampNanos; // the reply echoes the request's data
    }
    boolean v4 = flow.version() == 4;
    int protocol = v4 ? FrameWriter.PROTOCOL_ICMP : FrameWriter.PROTOCOL_ICMPV6;
    int type;
    if (v4) {
      type = request ? 8 : 0;
    } else {
      type = request ? 128 : 129;
    }
    int length = HEADER_LENGTH + DATA_LENGTH;
    int at = flow.begin(out, request, protocol, length);
    out.u8(at, type);
    out.u8(at + 1, 0); // code
    out.u16(at + 2, 0); // checksum, below
    out.u16(at + 4, identifier);
    out.u16(at + 6, sequence);
    int data = at + HEADER_LENGTH;
    // struct timeval, little-endian as on x86-64: seconds, then microseconds.
    out.u64(data, Long.reverseBytes(Math.floorDiv(requestTimeNanos, 1_000_000_000L)));
    out.u64(data + 8, Long.reverseBytes(Math.floorMod(requestTimeNanos, 1_000_000_000L) / 1000));
    for (int i = TIMEVAL_LENGTH; i < DATA_LENGTH; i++) {
      out.u8(data + i, i);
    }
    // ICMPv6 covers a pseudo-header (RFC 4443 section 2.3); ICMP for IPv4 covers itself only.
    long pseudoHeaderSum = v4 ? 0 : flow.pseudoHeaderSum(request, protocol, length);
    out.checksum(at, length, 2, pseudoHeaderSum, false);
    return out.finish(at + length);
  }

  @Override
  public boolean finished() {
    return written == 2 * requests;
  }
}
