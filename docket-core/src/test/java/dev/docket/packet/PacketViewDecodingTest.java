package dev.docket.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.query.IpAddress;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PacketViewDecodingTest {
  private static final IpAddress V4_A = IpAddress.parse("10.0.0.1");
  private static final IpAddress V4_B = IpAddress.parse("192.168.1.1");
  private static final IpAddress V6_A = IpAddress.parse("2001:db8::1");
  private static final IpAddress V6_B = IpAddress.parse("fe80::2");

  @Test
  void ethernetIpv4TcpGivesAddressesProtocolAndPorts() {
    PacketView packet = FrameBuilder.ethernet().ip(V4_A, V4_B).tcp(1234, 80).build().view(0);

    assertThat(packet.ipVersion()).isEqualTo(4);
    assertThat(packet.ipv4Source()).isEqualTo(0x0A000001);
    assertThat(packet.ipv4Destination()).isEqualTo(0xC0A80101);
    assertThat(packet.upperProtocol()).isEqualTo(6);
    assertThat(packet.isFirstFragment()).isTrue();
    assertThat(packet.sourcePort()).isEqualTo(1234);
    assertThat(packet.destinationPort()).isEqualTo(80);
    assertThat(packet.vlanIdCount()).isZero();
    assertThat(packet.mplsLabelCount()).isZero();
  }

  @Test
  void ipv6AddressesAreTwoLongsEach() {
    PacketView packet = FrameBuilder.ethernet().ip(V6_A, V6_B).udp(53, 5353).build().view(0);

    assertThat(packet.ipVersion()).isEqualTo(6);
    assertThat(IpAddress.ipv6(packet.ipv6SourceHigh(), packet.ipv6SourceLow())).isEqualTo(V6_A);
    assertThat(IpAddress.ipv6(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow())).isEqualTo(V6_B);
    assertThat(packet.upperProtocol()).isEqualTo(17);
    assertThat(packet.sourcePort()).isEqualTo(53);
  }

  @Test
  void addressAccessorsRefuseTheOtherIpVersion() {
    PacketView ipv4 = FrameBuilder.ethernet().ip(V4_A, V4_B).tcp(1, 2).build().view(0);
    PacketView notIp = FrameBuilder.ethernet().nonIp(28).build().view(0);

    assertThatThrownBy(ipv4::ipv6SourceHigh).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(notIp::ipv4Source).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void qinqAndLegacyTagsAreLookedThroughAndRecordedOutermostFirst() {
    PacketView packet = FrameBuilder.ethernet()
        .vlan(0x88A8, 100).vlan(0x9100, 200).vlan(0x8100, 4095)
        .ip(V4_A, V4_B).tcp(1, 2).build().view(0);

    assertThat(packet.vlanIdCount()).isEqualTo(3);
    assertThat(new int[] {packet.vlanId(0), packet.vlanId(1), packet.vlanId(2)}).containsExactly(100, 200, 4095);
    assertThat(packet.hasVlanId(200)).isTrue();
    assertThat(packet.hasVlanId(5)).isFalse();
    assertThat(packet.ipVersion()).isEqualTo(4);
  }

  @Test
  void tagsPastTheRecordedLimitAreLookedThroughButNotRecorded() {
    FrameBuilder frame = FrameBuilder.ethernet();
    for (int id = 1; id <= PacketView.RECORDED_TAG_LIMIT + 2; id++) {
      frame.vlan(0x8100, id);
    }
    for (int label = 1; label <= PacketView.RECORDED_TAG_LIMIT + 2; label++) {
      frame.mpls(label);
    }
    PacketView packet = frame.ip(V6_A, V6_B).tcp(1, 443).build().view(0);

    assertThat(packet.vlanIdCount()).isEqualTo(PacketView.RECORDED_TAG_LIMIT);
    assertThat(packet.hasVlanId(PacketView.RECORDED_TAG_LIMIT)).isTrue();
    assertThat(packet.hasVlanId(PacketView.RECORDED_TAG_LIMIT + 1)).isFalse();
    assertThat(packet.mplsLabelCount()).isEqualTo(PacketView.RECORDED_TAG_LIMIT);
    assertThat(packet.hasMplsLabel(PacketView.RECORDED_TAG_LIMIT)).isTrue();
    assertThat(packet.destinationPort()).isEqualTo(443);
  }

  @Test
  void mplsPayloadIsIpByItsVersionNibble() {
    PacketView ipv6 = FrameBuilder.ethernet().mpls(16).mpls(1_048_575).ip(V6_A, V6_B).tcp(1, 2).build().view(0);
    PacketView notIp = FrameBuilder.ethernet().mpls(16).nonIp(40).build().view(0);

    assertThat(ipv6.mplsLabelCount()).isEqualTo(2);
    assertThat(ipv6.mplsLabel(1)).isEqualTo(1_048_575);
    assertThat(ipv6.ipVersion()).isEqualTo(6);
    assertThat(notIp.hasMplsLabel(16)).isTrue();
    assertThat(notIp.ipVersion()).isZero();
  }

  @Test
  void everyDecodedLinkTypeReachesTheIpHeader() {
    CraftedFrame[] frames = {
      FrameBuilder.sll().vlan(0x8100, 7).ip(V4_A, V4_B).udp(1, 2).build(),
      FrameBuilder.sll2().ip(V6_A, V6_B).udp(1, 2).build(),
      FrameBuilder.raw().ip(V6_A, V6_B).udp(1, 2).build(),
      FrameBuilder.ipv4Link().ip(V4_A, V4_B).udp(1, 2).build(),
      FrameBuilder.ipv6Link().ip(V6_A, V6_B).udp(1, 2).build(),
      FrameBuilder.nullLink(ByteOrder.LITTLE_ENDIAN, 24).ip(V6_A, V6_B).udp(1, 2).build(),
      FrameBuilder.nullLink(ByteOrder.BIG_ENDIAN, 10).ip(V4_A, V4_B).udp(1, 2).build(),
      FrameBuilder.loop(30).ip(V6_A, V6_B).udp(1, 2).build(),
      FrameBuilder.ethernetSnap(0).ip(V4_A, V4_B).udp(1, 2).build(),
    };
    for (CraftedFrame frame : frames) {
      PacketView packet = frame.view(0);
      assertThat(packet.ipVersion()).as(LinkType.name(frame.linkType())).isEqualTo(frame.fields().ipVersion());
      assertThat(packet.destinationPort()).as(LinkType.name(frame.linkType())).isEqualTo(2);
    }
  }

  @Test
  void loopFamilyIsNetworkOrderOnly() {
    byte[] bytes = FrameBuilder.nullLink(ByteOrder.LITTLE_ENDIAN, 10).ip(V6_A, V6_B).udp(1, 2).build().bytes();
    PacketView asLoop = view(bytes, LinkType.LOOP);

    assertThat(asLoop.ipVersion()).isZero();
  }

  @Test
  void snapWithAnotherOuiOrAnotherEthertypeIsNotDecoded() {
    PacketView ciscoOui = FrameBuilder.ethernetSnap(0x00000C).ip(V4_A, V4_B).udp(1, 2).build().view(0);
    PacketView taggedSnap = FrameBuilder.ethernetSnap(0).vlan(0x8100, 5).ip(V4_A, V4_B).build().view(0);

    assertThat(ciscoOui.ipVersion()).isZero();
    assertThat(taggedSnap.ipVersion()).isZero();
    assertThat(taggedSnap.vlanIdCount()).isZero();
  }

  @Test
  void undecodedLinkTypesHaveNoFields() {
    PacketView packet = FrameBuilder.undecodedLink(147).vlan(0x8100, 5).ip(V4_A, V4_B).tcp(1, 2).build().view(0);

    assertThat(packet.ipVersion()).isZero();
    assertThat(packet.upperProtocol()).isEqualTo(-1);
    assertThat(packet.sourcePort()).isEqualTo(-1);
    assertThat(packet.vlanIdCount()).isZero();
  }

  @Test
  void ipv4WithAHeaderLengthUnderFiveIsNotIp() {
    byte[] bytes = FrameBuilder.ethernet().ip(V4_A, V4_B).tcp(1, 2).build().bytes();
    bytes[14] = 0x44;

    assertThat(view(bytes, LinkType.ETHERNET).ipVersion()).isZero();
  }

  @Test
  void ethertypeAndVersionNibbleMustAgree() {
    byte[] ipv4 = FrameBuilder.ethernet().ip(V4_A, V4_B).tcp(1, 2).build().bytes();
    ipv4[14] = 0x65;
    byte[] ipv6 = FrameBuilder.ethernet().ip(V6_A, V6_B).tcp(1, 2).build().bytes();
    ipv6[14] = 0x45;
    byte[] ipv6OnIpv4Link = FrameBuilder.raw().ip(V6_A, V6_B).tcp(1, 2).build().bytes();

    assertThat(view(ipv4, LinkType.ETHERNET).ipVersion()).isZero();
    assertThat(view(ipv6, LinkType.ETHERNET).ipVersion()).isZero();
    assertThat(view(ipv6OnIpv4Link, LinkType.IPV4).ipVersion()).isZero();
  }

  @Test
  void ipv4OptionsMoveThePorts() {
    PacketView packet = FrameBuilder.raw().ipv4(V4_A, V4_B, 3, 0, false).tcp(4321, 22).build().view(0);

    assertThat(packet.sourcePort()).isEqualTo(4321);
    assertThat(packet.destinationPort()).isEqualTo(22);
  }

  @Test
  void onlyFirstIpv4FragmentsHavePorts() {
    PacketView first = FrameBuilder.raw().ipv4(V4_A, V4_B, 0, 0, true).udp(1, 2).build().view(0);
    PacketView later = FrameBuilder.raw().ipv4(V4_A, V4_B, 0, 0x1000, false).udp(1, 2).build().view(0);

    assertThat(first.isFirstFragment()).isTrue();
    assertThat(first.sourcePort()).isEqualTo(1);
    assertThat(later.isFirstFragment()).isFalse();
    assertThat(later.upperProtocol()).isEqualTo(17);
    assertThat(later.sourcePort()).isEqualTo(-1);
  }

  @Test
  void ipv6ProtocolIsFoundAfterEveryKindOfExtensionHeader() {
    PacketView packet = FrameBuilder.raw().ipv6(V6_A, V6_B)
        .ipv6Extension(0, 8).ipv6Extension(43, 24).ipv6Fragment(0, true).ipv6Extension(60, 16)
        .ipv6Extension(51, 12).ipv6Extension(135, 8).sctp(2905, 2906).build().view(0);

    assertThat(packet.upperProtocol()).isEqualTo(132);
    assertThat(packet.isFirstFragment()).isTrue();
    assertThat(packet.sourcePort()).isEqualTo(2905);
  }

  @Test
  void ipv6LaterFragmentsHaveAProtocolButNoPorts() {
    PacketView packet = FrameBuilder.raw().ipv6(V6_A, V6_B).ipv6Fragment(185, false).tcp(1, 2).build().view(0);

    assertThat(packet.upperProtocol()).isEqualTo(6);
    assertThat(packet.isFirstFragment()).isFalse();
    assertThat(packet.sourcePort()).isEqualTo(-1);
  }

  @Test
  void anyNonZeroFragmentOffsetBitMakesALaterFragment() {
    for (int bit = 0; bit < 13; bit++) {
      PacketView ipv4 = FrameBuilder.raw().ipv4(V4_A, V4_B, 0, 1 << bit, false).udp(1, 2).build().view(0);
      PacketView ipv6 = FrameBuilder.raw().ipv6(V6_A, V6_B).ipv6Fragment(1 << bit, true).udp(1, 2).build().view(0);

      assertThat(ipv4.isFirstFragment()).as("IPv4 offset %s", 1 << bit).isFalse();
      assertThat(ipv6.isFirstFragment()).as("IPv6 offset %s", 1 << bit).isFalse();
    }
  }

  @Test
  void espEndsTheIpv6Chain() {
    PacketView packet = FrameBuilder.raw().ipv6(V6_A, V6_B).ipv6Extension(0, 8).upperLayer(50, 16).build().view(0);

    assertThat(packet.upperProtocol()).isEqualTo(50);
    assertThat(packet.sourcePort()).isEqualTo(-1);
  }

  @Test
  void anIpv6ChainCutShortLeavesTheProtocolUnknown() {
    CraftedFrame frame = FrameBuilder.raw().ipv6(V6_A, V6_B).ipv6Extension(60, 16).tcp(1, 2).build();
    PacketView cut = frame.viewCutTo(40 + 15, 0);

    assertThat(cut.ipVersion()).isEqualTo(6);
    assertThat(cut.upperProtocol()).isEqualTo(-1);
    assertThat(cut.isFirstFragment()).isFalse();
  }

  @Test
  void portsMustBeCapturedWhole() {
    CraftedFrame frame = FrameBuilder.raw().ip(V4_A, V4_B).udp(1, 2).build();

    assertThat(frame.viewOfPrefix(23, 0).sourcePort()).isEqualTo(-1);
    assertThat(frame.viewOfPrefix(24, 0).sourcePort()).isEqualTo(1);
  }

  @Test
  void resetForgetsTheFieldsOfThePreviousPacket() {
    byte[] tcp = FrameBuilder.ethernet().vlan(0x8100, 9).ip(V4_A, V4_B).tcp(1, 80).build().bytes();
    byte[] udp = FrameBuilder.raw().ip(V6_A, V6_B).udp(53, 54).build().bytes();
    PacketView packet = view(tcp, LinkType.ETHERNET);
    assertThat(packet.destinationPort()).isEqualTo(80);

    packet.reset(ByteBuffer.wrap(udp), 0, udp.length, udp.length, 0, LinkType.RAW, 0);

    assertThat(packet.ipVersion()).isEqualTo(6);
    assertThat(packet.vlanIdCount()).isZero();
    assertThat(packet.destinationPort()).isEqualTo(54);
  }

  @Test
  void resetRefusesBytesOutsideTheBuffer() {
    PacketView packet = new PacketView();

    assertThatThrownBy(() -> packet.reset(ByteBuffer.allocate(10), 4, 7, 7, 0, LinkType.RAW, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static PacketView view(byte[] bytes, int linkType) {
    PacketView packet = new PacketView();
    packet.reset(ByteBuffer.wrap(bytes), 0, bytes.length, bytes.length, 0, linkType, 0);
    return packet;
  }
}
