package dev.docket.synthetic;

import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A whole TCP connection: the three-way handshake, the application's messages cut into segments no
 * larger than the receiver's MSS, acknowledgements every second segment and at the end of each
 * message (as delayed ACK does), and the client's FIN, the server's FIN and the last ACK. Sequence
 * and acknowledgement numbers are consistent throughout, so a reader's stream reassembly works.
 */
final class TcpSession implements Conversation {
  private static final int FIN = 0x01;
  private static final int SYN = 0x02;
  private static final int PSH = 0x08;
  private static final int ACK = 0x10;
  private static final int CLIENT_WINDOW = 64_240;
  private static final int SERVER_WINDOW = 65_160;

  /** Where the session is: each step writes one segment, but DATA repeats until the script ends. */
  private enum Step {
    SYN,
    SYN_ACK,
    HANDSHAKE_ACK,
    DATA,
    CLIENT_FIN,
    SERVER_FIN,
    LAST_ACK,
    DONE
  }

  private final Flow flow;
  private final int clientPort;
  private final int serverPort;
  private final int mss; // both ends announce the same: their MTU is 1500
  private final List<TcpMessage> script;
  private long clientSequence;
  private long serverSequence;
  private Step step = Step.SYN;
  private int message;
  private int sent; // bytes of the current message already sent
  private int unacknowledgedSegments;
  private boolean ackOwed;
  private boolean ackFromClient;

  TcpSession(Flow flow, TcpApplication application, SplittableRandom random) {
    this.flow = flow;
    this.clientPort = EphemeralPorts.pick(random);
    this.serverPort = application.serverPort(random);
    this.mss = flow.version() == 4 ? 1460 : 1440;
    this.script = application.script(random);
    this.clientSequence = random.nextLong(1L << 32);
    this.serverSequence = random.nextLong(1L << 32);
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    switch (step) {
      case SYN:
        step = Step.SYN_ACK;
        return segment(out, true, SYN, null, 0, 0);
      case SYN_ACK:
        step = Step.HANDSHAKE_ACK;
        return segment(out, false, SYN | ACK, null, 0, 0);
      case HANDSHAKE_ACK:
        step = Step.DATA;
        return segment(out, true, ACK, null, 0, 0);
      case DATA:
        return data(out);
      case CLIENT_FIN:
        step = Step.SERVER_FIN;
        return segment(out, true, FIN | ACK, null, 0, 0);
      case SERVER_FIN:
        step = Step.LAST_ACK;
        return segment(out, false, FIN | ACK, null, 0, 0);
      case LAST_ACK:
        step = Step.DONE;
        return segment(out, true, ACK, null, 0, 0);
      default:
        throw new IllegalStateException("the session has ended");
    }
  }

  private int data(FrameWriter out) {
    if (ackOwed) {
      ackOwed = false;
      if (message == script.size()) {
        step = Step.CLIENT_FIN;
      }
      return segment(out, ackFromClient, ACK, null, 0, 0);
    }
    TcpMessage current = script.get(message);
    int count = Math.min(mss, current.length() - sent);
    boolean last = sent + count == current.length();
    int length = segment(out, current.fromClient(), last ? PSH | ACK : ACK, current, sent, count);
    sent += count;
    unacknowledgedSegments++;
    if (last || unacknowledgedSegments == 2) {
      ackOwed = true;
      ackFromClient = !current.fromClient();
      unacknowledgedSegments = 0;
    }
    if (last) {
      message++;
      sent = 0;
    }
    return length;
  }

  private int segment(
      FrameWriter out,
      boolean fromClient,
      int flags,
      @Nullable TcpMessage payload,
      int from,
      int count) {
    boolean syn = (flags & SYN) != 0;
    int headerLength = syn ? 24 : 20;
    int tcpLength = headerLength + count;
    int at = flow.begin(out, fromClient, FrameWriter.PROTOCOL_TCP, tcpLength);
    if (payload != null) {
      payload.copyTo(from, count, out, at + headerLength);
    }
    long sequence = fromClient ? clientSequence : serverSequence;
    long acknowledgement = (flags & ACK) != 0 ? (fromClient ? serverSequence : clientSequence) : 0;
    out.tcp(
        at,
        fromClient ? clientPort : serverPort,
        fromClient ? serverPort : clientPort,
        sequence,
        acknowledgement,
        flags,
        fromClient ? CLIENT_WINDOW : SERVER_WINDOW,
        syn ? mss : 0);
    out.checksum(
        at,
        tcpLength,
        16,
        flow.pseudoHeaderSum(fromClient, FrameWriter.PROTOCOL_TCP, tcpLength),
        false);
    // SYN and FIN each take one sequence number, as a byte would.
    long advance = count + (syn ? 1 : 0) + ((flags & FIN) != 0 ? 1 : 0);
    if (fromClient) {
      clientSequence = (clientSequence + advance) & 0xFFFF_FFFFL;
    } else {
      serverSequence = (serverSequence + advance) & 0xFFFF_FFFFL;
    }
    return out.finish(at + tcpLength);
  }

  @Override
  public boolean finished() {
    return step == Step.DONE;
  }
}
