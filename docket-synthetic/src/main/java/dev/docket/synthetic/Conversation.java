package dev.docket.synthetic;

/**
 * One exchange between two hosts (or a host and its segment, for ARP), written a frame at a time so
 * that many conversations interleave. A conversation owns its state; frames go to a shared {@link
 * FrameWriter}.
 */
sealed interface Conversation
    permits TcpSession,
        DnsLookup,
        EchoExchange,
        ArpExchange,
        FragmentedDatagram,
        Ipv6OptionsDatagram,
        PortScan,
        DnsTunnel {
  /**
   * Writes this conversation's next frame at index 0 of {@code out}; returns the frame's length.
   * Call only while not {@link #finished()}.
   */
  int writeNext(FrameWriter out, long timestampNanos);

  /** Whether every frame has been written. */
  boolean finished();
}
