package dev.docket.synthetic;

import dev.docket.query.IpAddress;
import java.util.SplittableRandom;

/** A DNS query over UDP port 53 and its response: an address, or now and then NXDOMAIN. */
final class DnsLookup implements Conversation {
  static final int PORT = 53;

  private final Flow flow;
  private final int clientPort;
  private final byte[] query;
  private final byte[] response;
  private int written;

  /**
   * @param answer the address the name resolves to; its version decides A or AAAA
   */
  DnsLookup(Flow flow, IpAddress answer, SplittableRandom random) {
    this.flow = flow;
    this.clientPort = EphemeralPorts.pick(random);
    int id = random.nextInt(1 << 16);
    String name = DomainNames.pick(random);
    int type = answer.version() == 4 ? DnsMessage.TYPE_A : DnsMessage.TYPE_AAAA;
    this.query = DnsMessage.query(id, name, type);
    this.response =
        random.nextInt(20) == 0
            ? DnsMessage.nameError(id, name, type)
            : DnsMessage.answer(id, name, type, answer, 60 * (1 + random.nextInt(60)));
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    boolean fromClient = written++ == 0;
    return flow.udp(out, fromClient, clientPort, PORT, fromClient ? query : response);
  }

  @Override
  public boolean finished() {
    return written == 2;
  }
}
