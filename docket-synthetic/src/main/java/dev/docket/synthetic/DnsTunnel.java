package dev.docket.synthetic;

import com.google.common.io.BaseEncoding;
import java.util.SplittableRandom;

/**
 * Data smuggled out through DNS, as iodine or dnscat2 do: a burst of TXT queries from one client
 * to its resolver for names under one domain whose first label is 35 bytes of base32 (the data) and
 * whose second counts up, each answered by a TXT record of base32 (the channel back).
 */
final class DnsTunnel implements Conversation {
  /** The tunnel's domain: every query is for a name below it. */
  static final String DOMAIN = "t.exfil.example";

  private static final BaseEncoding BASE32 = BaseEncoding.base32().omitPadding().lowerCase();

  private final Flow flow;
  private final int queries;
  private final SplittableRandom random;
  private final int clientPort;
  private int id;
  private int written;
  private byte[] response = new byte[0];

  DnsTunnel(Flow flow, int queries, SplittableRandom random) {
    this.flow = flow;
    this.queries = queries;
    this.random = random;
    this.clientPort = EphemeralPorts.pick(random);
    this.id = random.nextInt(1 << 16);
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    boolean fromClient = written++ % 2 == 0;
    if (!fromClient) {
      return flow.udp(out, false, clientPort, DnsLookup.PORT, response);
    }
    id = (id + 1) & 0xFFFF;
    String name = BASE32.encode(bytes(35)) + "." + (written / 2) + "." + DOMAIN;
    response = DnsMessage.textAnswer(id, name, BASE32.encode(bytes(120)), 0);
    return flow.udp(out, true, clientPort, DnsLookup.PORT, DnsMessage.query(id, name, DnsMessage.TYPE_TXT));
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  @Override
  public boolean finished() {
    return written == 2 * queries;
  }
}
