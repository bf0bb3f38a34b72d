package dev.docket.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketView;
import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpAddress;
import dev.docket.query.IpVersion;
import dev.docket.query.Mpls;
import dev.docket.query.Net;
import dev.docket.query.Not;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketFilterTest {
  private static final IpAddress CLIENT = IpAddress.parse("10.0.0.1");
  private static final IpAddress SERVER = IpAddress.parse("192.168.1.1");
  private static final IpAddress CLIENT6 = IpAddress.parse("2001:db8::1");
  private static final IpAddress SERVER6 = IpAddress.parse("2001:db8:0:1::1");
  private static final long NOON = Instant.parse("2026-11-27T12:00:00Z").getEpochSecond() * 1_000_000_000L;

  private final QueryParser parser =
      new QueryParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

  private static final CraftedFrame WEB = FrameBuilder.ethernet().ip(CLIENT, SERVER).tcp(50000, 443).build();
  private static final CraftedFrame WEB6 = FrameBuilder.ethernet().ip(CLIENT6, SERVER6).tcp(50000, 443).build();

  private boolean matches(String query, CraftedFrame frame) {
    return PacketFilter.compile(parser.parse(query)).matches(frame.view(NOON));
  }

  @Test
  void hostMatchesEitherAddressAndDirectionsPickOne() {
    assertThat(matches("host 10.0.0.1", WEB)).isTrue();
    assertThat(matches("host 192.168.1.1", WEB)).isTrue();
    assertThat(matches("src host 10.0.0.1", WEB)).isTrue();
    assertThat(matches("dst host 10.0.0.1", WEB)).isFalse();
    assertThat(matches("host 10.0.0.2", WEB)).isFalse();
    assertThat(matches("host 2001:db8::1", WEB6)).isTrue();
    assertThat(matches("dst host 2001:db8::1", WEB6)).isFalse();
  }

  @Test
  void anAddressNeverMatchesAcrossIpVersions() {
    CraftedFrame mapped = FrameBuilder.ethernet()
        .ip(IpAddress.parse("::ffff:10.0.0.1"), SERVER6).tcp(1, 2).build();

    assertThat(matches("host 10.0.0.1", mapped)).isFalse();
    assertThat(matches("host ::ffff:10.0.0.1", mapped)).isTrue();
    assertThat(matches("net 0.0.0.0/0", WEB6)).isFalse();
    assertThat(matches("net ::/0", WEB)).isFalse();
  }

  @Test
  void netComparesThePrefixOnly() {
    assertThat(matches("net 10.0.0.0/8", WEB)).isTrue();
    assertThat(matches("src net 192.168.0.0/16", WEB)).isFalse();
    assertThat(matches("dst net 192.168.0.0/16", WEB)).isTrue();
    assertThat(matches("net 0.0.0.0/0", WEB)).isTrue();
    assertThat(matches("net 2001:db8:0:1::/64", WEB6)).isTrue();
    assertThat(matches("src net 2001:db8:0:1::/64", WEB6)).isFalse();
    assertThat(matches("net 2001:db8::/63", WEB6)).isTrue();
    assertThat(matches("net 2001:db8::1/128", WEB6)).isTrue();
  }

  @Test
  void hostAndNetLookThroughVlanTagsAndMplsLabels() {
    CraftedFrame tunnelled = FrameBuilder.ethernet()
        .vlan(0x88A8, 10).vlan(0x8100, 20).mpls(100).mpls(200).ip(CLIENT, SERVER).udp(53, 53).build();

    assertThat(matches("host 10.0.0.1 and port 53 and udp and ip", tunnelled)).isTrue();
    assertThat(matches("vlan 10 and vlan 20 and mpls 100 and mpls 200", tunnelled)).isTrue();
    assertThat(matches("vlan 30 or mpls 300", tunnelled)).isFalse();
  }

  @Test
  void hostLooksOnlyAtTheOutermostIpHeader() {
    CraftedFrame ipInIp = FrameBuilder.raw()
        .ip(CLIENT, SERVER).ip(IpAddress.parse("172.16.0.1"), IpAddress.parse("172.16.0.2")).tcp(1, 80)
        .build();

    assertThat(matches("host 172.16.0.1", ipInIp)).isFalse();
    assertThat(matches("ip proto 4", ipInIp)).isTrue();
    assertThat(matches("port 80", ipInIp)).isFalse();
  }

  @Test
  void portRangesAndDirections() {
    assertThat(matches("port 443", WEB)).isTrue();
    assertThat(matches("dst port 443", WEB)).isTrue();
    assertThat(matches("src port 443", WEB)).isFalse();
    assertThat(matches("portrange 440-450", WEB)).isTrue();
    assertThat(matches("src portrange 49999-50000", WEB)).isTrue();
    assertThat(matches("portrange 444-49999", WEB)).isFalse();
    assertThat(matches("port 443", FrameBuilder.raw().ip(CLIENT6, SERVER6).sctp(443, 9).build())).isTrue();
    assertThat(matches("port 8", FrameBuilder.raw().ip(CLIENT, SERVER).icmp(1).build())).isFalse();
  }

  @Test
  void portsAreSeenInFirstFragmentsOnly() {
    CraftedFrame first = FrameBuilder.raw().ipv4(CLIENT, SERVER, 0, 0, true).udp(5000, 53).build();
    CraftedFrame later = FrameBuilder.raw().ipv4(CLIENT, SERVER, 0, 185, false).udp(5000, 53).build();
    CraftedFrame first6 = FrameBuilder.raw().ipv6(CLIENT6, SERVER6).ipv6Fragment(0, true).udp(5000, 53).build();
    CraftedFrame later6 = FrameBuilder.raw().ipv6(CLIENT6, SERVER6).ipv6Fragment(185, false).udp(5000, 53).build();

    assertThat(matches("port 53", first)).isTrue();
    assertThat(matches("port 53", later)).isFalse();
    assertThat(matches("not port 53", later)).isTrue();
    assertThat(matches("port 53", first6)).isTrue();
    assertThat(matches("port 53", later6)).isFalse();
    assertThat(matches("udp", later6)).isTrue();
  }

  @Test
  void protoIsTheUpperLayerAfterIpv6ExtensionHeaders() {
    CraftedFrame chained = FrameBuilder.ethernet().ipv6(CLIENT6, SERVER6)
        .ipv6Extension(0, 8).ipv6Extension(60, 8).ipv6Extension(51, 16).tcp(1, 2).build();
    CraftedFrame esp = FrameBuilder.ethernet().ipv6(CLIENT6, SERVER6).ipv6Extension(0, 8).upperLayer(50, 20).build();

    assertThat(matches("tcp", chained)).isTrue();
    assertThat(matches("ip proto 0 or ip proto 60 or ip proto 51", chained)).isFalse();
    assertThat(matches("ip proto 50", esp)).isTrue();
    assertThat(matches("tcp", WEB)).isTrue();
    assertThat(matches("udp", WEB)).isFalse();
    assertThat(matches("icmp6", FrameBuilder.raw().ip(CLIENT6, SERVER6).icmp(58).build())).isTrue();
  }

  @Test
  void ipVersionIsTheOutermostNetworkHeader() {
    assertThat(matches("ip", WEB)).isTrue();
    assertThat(matches("ip6", WEB)).isFalse();
    assertThat(matches("ip6", WEB6)).isTrue();
    assertThat(matches("ip or ip6", FrameBuilder.ethernet().nonIp(28).build())).isFalse();
  }

  @Test
  void timeBoundsAreHalfOpen() {
    Instant noon = Instant.ofEpochSecond(0, NOON);
    PacketView atNoon = WEB.view(NOON);

    assertThat(PacketFilter.compile(TimeBound.after(noon)).matches(atNoon)).isTrue();
    assertThat(PacketFilter.compile(TimeBound.before(noon)).matches(atNoon)).isFalse();
    assertThat(PacketFilter.compile(TimeBound.before(noon.plusNanos(1))).matches(atNoon)).isTrue();
    assertThat(PacketFilter.compile(TimeBound.after(noon.plusNanos(1))).matches(atNoon)).isFalse();
  }

  @Test
  void timeBoundsBeyondNanosecondTimestampsKeepAllOrNone() {
    PacketView latest = WEB.view(Long.MAX_VALUE);
    PacketView earliest = WEB.view(Long.MIN_VALUE);

    assertThat(PacketFilter.compile(TimeBound.after(Instant.MAX)).matches(latest)).isFalse();
    assertThat(PacketFilter.compile(TimeBound.before(Instant.MAX)).matches(latest)).isTrue();
    assertThat(PacketFilter.compile(TimeBound.after(Instant.MIN)).matches(earliest)).isTrue();
    assertThat(PacketFilter.compile(TimeBound.before(Instant.MIN)).matches(earliest)).isFalse();
    Instant earliestNanos = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    assertThat(PacketFilter.compile(TimeBound.after(earliestNanos)).matches(earliest)).isTrue();
    assertThat(PacketFilter.compile(TimeBound.before(earliestNanos.plusNanos(1))).matches(earliest)).isTrue();
  }

  @Test
  void otherLinkTypesMatchOnlyNegationsAndTime() {
    CraftedFrame undecoded = FrameBuilder.undecodedLink(147).ip(CLIENT, SERVER).tcp(1, 443).build();
    List<Query> primitives = List.of(
        new Host(Direction.EITHER, CLIENT), new Net(Direction.EITHER, IpAddress.parse("0.0.0.0"), 0),
        Port.of(443), Proto.TCP, IpVersion.IPV4, new Vlan(0), new Mpls(0));

    for (Query primitive : primitives) {
      assertThat(PacketFilter.compile(primitive).matches(undecoded.view(NOON))).as("%s", primitive).isFalse();
      assertThat(PacketFilter.compile(new Not(primitive)).matches(undecoded.view(NOON))).as("not %s", primitive).isTrue();
    }
    assertThat(matches("after 2026-11-27T11:00:00Z", undecoded)).isTrue();
  }

  @Test
  void aPacketCutAtAnyLengthNeverMatchesAPrimitiveWhoseFieldIsCutOff() {
    CraftedFrame frame = FrameBuilder.ethernet().vlan(0x8100, 7).mpls(99)
        .ipv6(CLIENT6, SERVER6).ipv6Extension(0, 16).tcp(50000, 443).build();
    int vlanEnd = 18;
    int mplsEnd = 22;
    int ipEnd = mplsEnd + 40;
    int chainEnd = ipEnd + 16;
    int portsEnd = chainEnd + 4;
    for (int length = 0; length <= frame.bytes().length; length++) {
      PacketView cut = frame.viewOfPrefix(length, NOON);
      assertThat(PacketFilter.compile(new Vlan(7)).matches(cut)).isEqualTo(length >= vlanEnd);
      assertThat(PacketFilter.compile(new Mpls(99)).matches(cut)).isEqualTo(length >= mplsEnd);
      assertThat(PacketFilter.compile(new Host(Direction.SRC, CLIENT6)).matches(cut)).isEqualTo(length >= ipEnd);
      assertThat(PacketFilter.compile(IpVersion.IPV6).matches(cut)).isEqualTo(length >= ipEnd);
      assertThat(PacketFilter.compile(Proto.TCP).matches(cut)).isEqualTo(length >= chainEnd);
      assertThat(PacketFilter.compile(Port.of(443)).matches(cut)).isEqualTo(length >= portsEnd);
      assertThat(PacketFilter.compile(new Not(Port.of(443))).matches(cut)).isEqualTo(length < portsEnd);
    }
  }

  @Test
  void allMatchesEverythingEvenUndecodablePackets() {
    assertThat(PacketFilter.ALL.matches(WEB.viewOfPrefix(0, 0))).isTrue();
    assertThat(PacketFilter.ALL.matches(FrameBuilder.undecodedLink(147).build().view(0))).isTrue();
  }

  @Test
  void compilingFoldsConstantsAndTestsCheapOperandsFirst() {
    Instant noon = Instant.ofEpochSecond(0, NOON);
    Query query = Port.of(80).and(Proto.TCP).and(TimeBound.after(noon));

    assertThat(PacketFilter.compile(TimeBound.after(Instant.MIN).and(TimeBound.before(Instant.MAX))))
        .isSameAs(PacketFilter.ALL);
    assertThat(PacketFilter.compile(Proto.TCP.or(new Not(TimeBound.after(Instant.MIN)))).toString())
        .isEqualTo("ip proto 6");
    assertThat(PacketFilter.compile(new Not(new Not(Proto.UDP))).toString()).isEqualTo("ip proto 17");
    assertThat(PacketFilter.compile(query).toString())
        .isEqualTo("(timestamp >= " + NOON + "ns and ip proto 6 and port 80)");
  }
}
