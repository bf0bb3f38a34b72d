package dev.docket.synthetic;

/**
 * An ARP who-has broadcast from one host and the reply of the neighbour it asks for (RFC 826), on
 * their shared segment.
 */
final class ArpExchange implements Conversation {
  private static final int OPERATION_REQUEST = 1;
  private static final int OPERATION_REPLY = 2;

  private final Host asker;
  private final Host target;
  private final LinkEncapsulation link;
  private int written;

  ArpExchange(Host asker, Host target, LinkEncapsulation link) {
    this.asker = asker;
    this.target = target;
    this.link = link;
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    boolean request = written++ == 0;
    int at;
    if (request) {
      at = out.ethernet(FrameWriter.BROADCAST_MAC, asker.mac(), link, FrameWriter.ETHERTYPE_ARP);
    } else {
      at = out.ethernet(asker.mac(), target.mac(), link, FrameWriter.ETHERTYPE_ARP);
    }
    out.u16(at, 1); // hardware: Ethernet
    out.u16(at + 2, FrameWriter.ETHERTYPE_IPV4);
    out.u8(at + 4, 6);
    out.u8(at + 5, 4);
    out.u16(at + 6, request ? OPERATION_REQUEST : OPERATION_REPLY);
    Host sender = request ? asker : target;
    Host receiver = request ? target : asker;
    out.u48(at + 8, sender.mac());
    out.address(at + 14, sender.address());
    out.u48(at + 18, request ? 0 : receiver.mac()); // a request does not know the answer yet
    out.address(at + 24, receiver.address());
    return out.finish(at + 28);
  }

  @Override
  public boolean finished() {
    return written == 2;
  }
}
