package dev.docket.packet;

import com.google.common.collect.ImmutableList;
import dev.docket.query.IpAddress;
import dev.docket.testing.FrameFields;
import org.jspecify.annotations.Nullable;

/** Everything a {@link PacketView} decodes, in one comparable value that prints readably. */
record DecodedFields(
    ImmutableList<Integer> vlanIds,
    ImmutableList<Integer> mplsLabels,
    int ipVersion,
    @Nullable IpAddress source,
    @Nullable IpAddress destination,
    int protocol,
    boolean firstFragment,
    int sourcePort,
    int destinationPort) {

  static DecodedFields of(PacketView packet) {
    ImmutableList.Builder<Integer> vlanIds = ImmutableList.builder();
    for (int i = 0; i < packet.vlanIdCount(); i++) {
      vlanIds.add(packet.vlanId(i));
    }
    ImmutableList.Builder<Integer> mplsLabels = ImmutableList.builder();
    for (int i = 0; i < packet.mplsLabelCount(); i++) {
      mplsLabels.add(packet.mplsLabel(i));
    }
    IpAddress source = null;
    IpAddress destination = null;
    if (packet.ipVersion() == 4) {
      source = IpAddress.ipv4(packet.ipv4Source());
      destination = IpAddress.ipv4(packet.ipv4Destination());
    } else if (packet.ipVersion() == 6) {
      source = IpAddress.ipv6(packet.ipv6SourceHigh(), packet.ipv6SourceLow());
      destination = IpAddress.ipv6(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow());
    }
    return new DecodedFields(
        vlanIds.build(), mplsLabels.build(), packet.ipVersion(), source, destination,
        packet.upperProtocol(), packet.isFirstFragment(), packet.sourcePort(), packet.destinationPort());
  }

  /** What a view should decode from a frame with {@code fields}: the first tags of each kind. */
  static DecodedFields expected(FrameFields fields) {
    return new DecodedFields(
        recorded(fields.vlanIds()), recorded(fields.mplsLabels()), fields.ipVersion(),
        fields.source(), fields.destination(), fields.protocol(), fields.firstFragment(),
        fields.sourcePort(), fields.destinationPort());
  }

  private static ImmutableList<Integer> recorded(ImmutableList<FrameFields.Tag> tags) {
    return tags.stream()
        .limit(PacketView.RECORDED_TAG_LIMIT)
        .map(FrameFields.Tag::value)
        .collect(ImmutableList.toImmutableList());
  }
}
