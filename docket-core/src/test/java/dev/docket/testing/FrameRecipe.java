package dev.docket.testing;

import com.google.common.collect.ImmutableList;
import dev.docket.query.IpAddress;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * A description of a frame that {@link FrameArbitraries} generates and shrinks: jqwik prints this,
 * not the bytes, when a property fails.
 */
public record FrameRecipe(
    Link link,
    ImmutableList<VlanTag> vlanTags,
    ImmutableList<Integer> mplsLabels,
    Network network,
    Upper upper,
    int padding) {

  /** How a frame starts. */
  public enum Link {
    ETHERNET(FrameBuilder::ethernet, true),
    ETHERNET_SNAP(() -> FrameBuilder.ethernetSnap(0), false),
    ETHERNET_SNAP_OTHER_OUI(() -> FrameBuilder.ethernetSnap(0x00000C), false),
    SLL(FrameBuilder::sll, true),
    SLL2(FrameBuilder::sll2, true),
    RAW(FrameBuilder::raw, false),
    IPV4(FrameBuilder::ipv4Link, false),
    IPV6(FrameBuilder::ipv6Link, false),
    NULL_LITTLE_ENDIAN_HOST(() -> FrameBuilder.nullLink(ByteOrder.LITTLE_ENDIAN, 30), false),
    NULL_BIG_ENDIAN_HOST(() -> FrameBuilder.nullLink(ByteOrder.BIG_ENDIAN, 24), false),
    LOOP(() -> FrameBuilder.loop(28), false),
    UNDECODED(() -> FrameBuilder.undecodedLink(147), true);

    private final Supplier<FrameBuilder> start;
    private final boolean carriesTags;

    Link(Supplier<FrameBuilder> start, boolean carriesTags) {
      this.start = start;
      this.carriesTags = carriesTags;
    }
  }

  public record VlanTag(int tpid, int id) {}

  /** An IPv6 extension header: type 44 is a fragment header with {@code fragmentOffset}. */
  public record Extension(int type, int length, int fragmentOffset) {}

  /** No IP when {@code version} is 0; IPv4 options and fragment fields; IPv6 extensions. */
  public record Network(
      int version,
      IpAddress source,
      IpAddress destination,
      int optionWords,
      int fragmentOffset,
      boolean moreFragments,
      ImmutableList<Extension> extensions) {}

  /** The upper layer: TCP, UDP and SCTP get the ports, other protocols a few bytes. */
  public record Upper(int protocol, int sourcePort, int destinationPort) {}

  /** The same frame starting with {@code other}. */
  public FrameRecipe withLink(Link other) {
    return new FrameRecipe(other, vlanTags, mplsLabels, network, upper, padding);
  }

  /** The same frame with {@code other} as its network layer. */
  public FrameRecipe withNetwork(Network other) {
    return new FrameRecipe(link, vlanTags, mplsLabels, other, upper, padding);
  }

  public CraftedFrame build() {
    FrameBuilder frame = link.start.get();
    if (link.carriesTags) {
      vlanTags.forEach(tag -> frame.vlan(tag.tpid(), tag.id()));
      mplsLabels.forEach(frame::mpls);
    }
    if (network.version() == 0) {
      frame.nonIp(28);
    } else {
      addNetwork(frame);
      addUpper(frame);
    }
    return frame.pad(padding).build();
  }

  private void addNetwork(FrameBuilder frame) {
    if (network.version() == 4) {
      frame.ipv4(
          network.source(), network.destination(), network.optionWords(), network.fragmentOffset(),
          network.moreFragments());
      return;
    }
    frame.ipv6(network.source(), network.destination());
    for (Extension extension : network.extensions()) {
      if (extension.type() == 44) {
        frame.ipv6Fragment(extension.fragmentOffset(), true);
      } else {
        frame.ipv6Extension(extension.type(), extension.length());
      }
    }
  }

  private void addUpper(FrameBuilder frame) {
    switch (upper.protocol()) {
      case 6 -> frame.tcp(upper.sourcePort(), upper.destinationPort());
      case 17 -> frame.udp(upper.sourcePort(), upper.destinationPort());
      case 132 -> frame.sctp(upper.sourcePort(), upper.destinationPort());
      case 1, 58 -> frame.icmp(upper.protocol());
      default -> frame.upperLayer(upper.protocol(), 12);
    }
  }
}
