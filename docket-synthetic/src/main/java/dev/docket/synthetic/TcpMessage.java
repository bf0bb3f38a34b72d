package dev.docket.synthetic;

/**
 * One application message in a TCP session: {@code length} bytes from one side, starting with
 * {@code head} (protocol text or records built for this session) and continuing with bytes cut from
 * the shared {@code body} block, from {@code bodyStart}, wrapping around. A record for brevity: it
 * is never compared, so its arrays' identity equality does not matter.
 */
record TcpMessage(boolean fromClient, byte[] head, int length, byte[] body, int bodyStart) {
  TcpMessage {
    if (length < head.length) {
      throw new IllegalArgumentException("message of " + length + " bytes shorter than its head");
    }
  }

  /** A message that is all head. */
  static TcpMessage of(boolean fromClient, byte[] head) {
    return new TcpMessage(fromClient, head, head.length, PayloadBytes.OPAQUE, 0);
  }

  /** Copies the message's bytes {@code [from, from + count)} into {@code out} at {@code at}. */
  void copyTo(int from, int count, FrameWriter out, int at) {
    if (from < head.length) {
      int fromHead = Math.min(count, head.length - from);
      out.copy(head, from, at, fromHead);
      from += fromHead;
      at += fromHead;
      count -= fromHead;
    }
    int position = (bodyStart + from - head.length) % body.length;
    while (count > 0) {
      int chunk = Math.min(count, body.length - position);
      out.copy(body, position, at, chunk);
      at += chunk;
      count -= chunk;
      position = 0;
    }
  }
}
