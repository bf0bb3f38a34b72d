package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.filter.PacketFilter;
import dev.docket.plan.QueryPlanner;
import dev.docket.plan.StenographerSyntax;
import dev.docket.query.IpAddress;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameBuilder;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where Stenographer's index sees a frame otherwise than Docket, as the model has it: what the
 * planner widens for, and the frames no query but a time-only one can return (the limits
 * StenographerSyntax.FEATURES names).
 */
class StenographerIndexTest {
  private static final IpAddress A = IpAddress.parse("10.0.0.1");
  private static final IpAddress B = IpAddress.parse("10.0.0.2");
  private static final IpAddress A6 = IpAddress.parse("2001:db8::1");
  private static final IpAddress B6 = IpAddress.parse("2001:db8::2");
  private final QueryParser parser = new QueryParser(Clock.systemUTC());

  @Test
  void sctpPortsAreNotIndexedSoAPortAlsoAsksForSctp() {
    CraftedFrame sctp = FrameBuilder.ethernet().ip(A, B).sctp(5000, 53).build();
    assertThat(StenographerIndex.of(sctp.bytes()).ports()).isEmpty();
    assertThat(sentSelects("port 53", sctp)).isTrue();
    assertThat(StenographerLookup.selects(parser.parse("port 53"), StenographerIndex.of(sctp.bytes()), 0)).isFalse();
  }

  @Test
  void behindIpv6AuthenticationHeaderTheIndexSeesProtocol51AndNoPorts() {
    CraftedFrame udp = FrameBuilder.ethernet().ipv6(A6, B6).ipv6Extension(51, 16).udp(5000, 53).build();
    IndexEntries entries = StenographerIndex.of(udp.bytes());
    assertThat(entries.protocols()).containsExactly(51);
    assertThat(entries.ports()).isEmpty();
    assertThat(sentSelects("udp", udp)).isTrue();
    assertThat(sentSelects("port 53", udp)).isTrue();
  }

  @Test
  void aLaterIpv6FragmentIsIndexedAsProtocol44() {
    CraftedFrame later = FrameBuilder.ethernet().ipv6(A6, B6).ipv6Fragment(185, false).udp(5000, 53).build();
    CraftedFrame first = FrameBuilder.ethernet().ipv6(A6, B6).ipv6Fragment(0, true).udp(5000, 53).build();
    assertThat(StenographerIndex.of(later.bytes()).protocols()).containsExactly(44);
    assertThat(StenographerIndex.of(first.bytes()).protocols()).containsExactly(17);
    assertThat(StenographerIndex.of(first.bytes()).ports()).containsExactlyInAnyOrder(5000, 53);
    assertThat(sentSelects("udp", later)).isTrue();
  }

  @Test
  void vlanTagsAndMplsLabelsAreWalkedToTheIpHeader() {
    CraftedFrame frame = FrameBuilder.ethernet().vlan(0x88A8, 1001).vlan(0x8100, 100).mpls(16).mpls(17).ip(A, B).udp(5000, 53).build();
    IndexEntries entries = StenographerIndex.of(frame.bytes());
    assertThat(entries.vlans()).containsExactlyInAnyOrder(1001, 100);
    assertThat(entries.mplsLabels()).containsExactlyInAnyOrder(16, 17);
    assertThat(entries.addresses()).containsExactlyInAnyOrder(A, B);
    assertThat(entries.ports()).containsExactlyInAnyOrder(5000, 53);
  }

  @Test
  void stenographerReadsAnIpv4MappedAddressAsIpv4SoItIsAskedForTheMappedNetwork() {
    IpAddress mapped = IpAddress.parse("::ffff:10.0.0.1");
    CraftedFrame v6 = FrameBuilder.ethernet().ipv6(mapped, B6).udp(5000, 53).build();
    CraftedFrame v4 = FrameBuilder.ethernet().ip(A, B).udp(5000, 53).build();
    Query host = parser.parse("host ::ffff:10.0.0.1");
    assertThat(StenographerLookup.selects(host, StenographerIndex.of(v6.bytes()), 0)).isFalse();
    assertThat(StenographerLookup.selects(host, StenographerIndex.of(v4.bytes()), 0)).isTrue();
    assertThat(StenographerSyntax.print(host).text()).isEqualTo("net ::fffe:0:0/95");
    assertThat(sentSelects("host ::ffff:10.0.0.1", v6)).isTrue();
  }

  @Test
  void nonIpFramesAreFoundOnlyByVlanMplsOrTime() {
    CraftedFrame arp = FrameBuilder.ethernet().vlan(0x8100, 7).nonIp(28).build();
    IndexEntries entries = StenographerIndex.of(arp.bytes());
    assertThat(entries.addresses()).isEmpty();
    assertThat(entries.protocols()).isEmpty();
    assertThat(entries.vlans()).containsExactly(7);
    assertThat(sentSelects("not host 10.0.0.1 and vlan 7", arp)).isTrue();
    assertThat(sentSelects("not host 10.0.0.1 or host 10.0.0.2", arp)).isTrue(); // time only
  }

  /** IP in 802.3 LLC/SNAP: Docket decodes it, the index stops at the length field. */
  @Test
  void ipInLlcSnapIsNeverIndexed() {
    CraftedFrame snap = FrameBuilder.ethernetSnap(0).ip(A, B).udp(5000, 53).build();
    assertThat(PacketFilter.compile(parser.parse("host 10.0.0.1")).matches(snap.view(0))).isTrue();
    assertThat(StenographerIndex.of(snap.bytes())).isEqualTo(nothingIndexed());
  }

  /** Docket reads ports from 4 bytes; the index wants the whole TCP header (20) or UDP header (8). */
  @Test
  void aTransportHeaderCutShortHasNoIndexedPorts() {
    CraftedFrame tcp = FrameBuilder.ethernet().ipv6(A6, B6).tcp(5000, 80).build();
    byte[] cut = java.util.Arrays.copyOf(tcp.bytes(), 14 + 40 + 4);
    assertThat(PacketFilter.compile(parser.parse("port 80")).matches(new CraftedFrame(cut, tcp.linkType(), tcp.fields()).view(0))).isTrue();
    IndexEntries entries = StenographerIndex.of(cut);
    assertThat(entries.protocols()).containsExactly(6);
    assertThat(entries.ports()).isEmpty();
  }

  /** The index reads the nibble after the stack before it records the last label. */
  @Test
  void anMplsLabelThatEndsTheFrameIsNotIndexed() {
    CraftedFrame frame = FrameBuilder.ethernet().mpls(16).build();
    assertThat(PacketFilter.compile(parser.parse("mpls 16")).matches(frame.view(0))).isTrue();
    assertThat(StenographerIndex.of(frame.bytes()).mplsLabels()).isEmpty();
  }

  /** The index skips a fragment header by its reserved byte as if it were a length. */
  @Test
  void aFirstFragmentWithItsReservedByteSetSendsTheIndexPastItsPorts() {
    CraftedFrame built = FrameBuilder.ethernet().ipv6(A6, B6).ipv6Fragment(0, true).udp(5000, 53).pad(40).build();
    byte[] frame = built.bytes().clone();
    frame[14 + 40 + 1] = 2; // the fragment header's reserved byte
    assertThat(PacketFilter.compile(parser.parse("port 53")).matches(new CraftedFrame(frame, built.linkType(), built.fields()).view(0))).isTrue();
    assertThat(StenographerIndex.of(frame).protocols()).containsExactly(17);
    assertThat(StenographerIndex.of(frame).ports()).doesNotContain(53, 5000);
  }

  private boolean sentSelects(String text, CraftedFrame frame) {
    Query query = parser.parse(text);
    assertThat(PacketFilter.compile(query).matches(frame.view(0))).as("Docket selects the frame for %s", text).isTrue();
    return StenographerLookup.selects(QueryPlanner.plan(query, StenographerSyntax.FEATURES).nativeQuery(), StenographerIndex.of(frame.bytes()), 0);
  }

  private static IndexEntries nothingIndexed() {
    return StenographerIndex.of(new byte[0]);
  }
}
