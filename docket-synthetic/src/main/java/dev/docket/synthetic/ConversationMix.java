package dev.docket.synthetic;

import java.util.SplittableRandom;

/**
 * Starts the next conversation: draws a client by activity, a kind of conversation by the client's
 * IP version, a peer, and the link the flow crosses.
 *
 * <p>Conversations started, by kind: IPv4 clients: TCP 50%, DNS 25%, ARP 10%, ping 8%, fragmented
 * UDP 7%; IPv6 clients: TCP 50%, DNS 20%, extension-header UDP 15%, ping 8%, fragmented UDP 7%. TCP
 * sessions are long, so they carry most packets and nearly all bytes. Links: untagged 70%, 802.1Q
 * 12%, QinQ 6%, MPLS 12% (ARP is never labelled).
 */
final class ConversationMix {
  private final HostPool hosts;

  ConversationMix(HostPool hosts) {
    this.hosts = hosts;
  }

  Conversation next(SplittableRandom random) {
    Host client = hosts.pickClient(random);
    boolean v4 = client.version() == 4;
    int roll = random.nextInt(100);
    if (v4 && roll >= 90) {
      Host target = hosts.pickNeighbour(random, client);
      return new ArpExchange(client, target, link(random, client, false));
    }
    Flow flow =
        new Flow(client, hosts.pickServer(random, client), link(random, client, true), random);
    if (roll < 50) {
      return new TcpSession(flow, TcpApplication.pick(random), random);
    }
    if (roll < (v4 ? 75 : 70)) {
      return new DnsLookup(flow, hosts.pickClient(random).address(), random);
    }
    if (roll < (v4 ? 83 : 78)) {
      return new EchoExchange(flow, random);
    }
    if (roll < (v4 ? 90 : 85)) {
      return new FragmentedDatagram(flow, random);
    }
    return new Ipv6OptionsDatagram(flow, random);
  }

  private static LinkEncapsulation link(SplittableRandom random, Host host, boolean mplsAllowed) {
    Subnet subnet = Subnet.ALL.get(host.subnet());
    int roll = random.nextInt(100);
    if (roll < 70 || (roll >= 88 && !mplsAllowed)) {
      return new LinkEncapsulation.Untagged();
    }
    if (roll < 82) {
      return new LinkEncapsulation.Vlan(subnet.vlanId(), random.nextInt(8) == 0 ? 5 : 0);
    }
    if (roll < 88) {
      return new LinkEncapsulation.QinQ(1000 + host.subnet(), subnet.vlanId());
    }
    int outer = random.nextInt(16, 1 << 20);
    return new LinkEncapsulation.Mpls(
        outer, random.nextBoolean() ? random.nextInt(16, 1 << 20) : -1);
  }
}
