package dev.docket.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import dev.docket.packet.LinkType;
import dev.docket.query.IpAddress;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Crafts frames byte by byte, outermost header first, and notes as it goes what the filter
 * semantics say each field is ({@link FrameFields}). Each header fills in the type field its
 * predecessor left open (ethertype, address family, IP protocol or next header); a type field
 * left open at {@link #build} gets a value no decoder follows.
 *
 * <p>Written from the wire formats, not from Docket's decoder, so that the two can disagree.
 */
public final class FrameBuilder {
  /** The kind of type field the last header left open for the next header to fill in. */
  private enum TypeField {
    NONE,
    /** Two bytes: an ethertype or Linux cooked protocol. */
    ETHERTYPE,
    /** One byte: IPv4 protocol or IPv6 next header. */
    PROTOCOL,
    /** Four bytes: a BSD address family. */
    FAMILY
  }

  /** What a decoder following the semantics does with the next header. */
  private enum Next {
    /** Follows VLAN tags, MPLS and IP. */
    ETHERTYPE,
    /** Follows only IP: the ethertype of an LLC/SNAP header. */
    SNAP_IP_ONLY,
    /** Takes IP by its version nibble: RAW, and behind the bottom MPLS label. */
    NIBBLE,
    /** Takes IP by address family. */
    FAMILY,
    IPV4_ONLY,
    IPV6_ONLY,
    /** The outermost IP header's extension headers or upper layer. */
    OUTER_UPPER_LAYER,
    /** Nothing: the decoder stopped before this point. */
    NOTHING
  }

  private final int linkType;
  private byte[] bytes = new byte[128];
  private int size;

  private TypeField typeField = TypeField.NONE;
  private int typeFieldAt;
  private Next next;
  private ByteOrder familyOrder = ByteOrder.BIG_ENDIAN;
  private int ipv6Family = 10;
  private int lengthFieldAt = -1;
  private int bottomMplsEntryAt = -1;

  private final ImmutableList.Builder<FrameFields.Tag> vlanIds = ImmutableList.builder();
  private final ImmutableList.Builder<FrameFields.Tag> mplsLabels = ImmutableList.builder();
  private int ipVersion;
  private @Nullable IpAddress source;
  private @Nullable IpAddress destination;
  private int ipEnd;
  private int protocol = -1;
  private int protocolEnd;
  private boolean firstFragment;
  private int sourcePort = -1;
  private int destinationPort = -1;
  private int portsEnd;

  private FrameBuilder(int linkType, Next next) {
    this.linkType = linkType;
    this.next = next;
  }

  /** Ethernet II: two MAC addresses and an ethertype. */
  public static FrameBuilder ethernet() {
    FrameBuilder frame = new FrameBuilder(LinkType.ETHERNET, Next.ETHERTYPE);
    frame.write(0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2);
    frame.openTypeField(TypeField.ETHERTYPE);
    return frame;
  }

  /** IEEE 802.3 with LLC/SNAP (RFC 1042); only OUI 0 carrying IP is decodable. */
  public static FrameBuilder ethernetSnap(int oui) {
    FrameBuilder frame =
        new FrameBuilder(LinkType.ETHERNET, oui == 0 ? Next.SNAP_IP_ONLY : Next.NOTHING);
    frame.write(0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2);
    frame.lengthFieldAt = frame.size;
    frame.write(0, 0, 0xAA, 0xAA, 0x03, oui >>> 16, oui >>> 8, oui);
    frame.openTypeField(TypeField.ETHERTYPE);
    return frame;
  }

  /** Linux cooked capture v1: 16 bytes, protocol last. */
  public static FrameBuilder sll() {
    FrameBuilder frame = new FrameBuilder(LinkType.LINUX_SLL, Next.ETHERTYPE);
    frame.write(0, 0, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 1, 0, 0);
    frame.openTypeField(TypeField.ETHERTYPE);
    return frame;
  }

  /** Linux cooked capture v2: 20 bytes, protocol first. */
  public static FrameBuilder sll2() {
    FrameBuilder frame = new FrameBuilder(LinkType.LINUX_SLL2, Next.ETHERTYPE);
    frame.openTypeField(TypeField.ETHERTYPE);
    frame.write(0, 0, 0, 0, 0, 3, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 1, 0, 0);
    return frame;
  }

  /** LINKTYPE_RAW: the packet starts with an IPv4 or IPv6 header. */
  public static FrameBuilder raw() {
    return new FrameBuilder(LinkType.RAW, Next.NIBBLE);
  }

  public static FrameBuilder ipv4Link() {
    return new FrameBuilder(LinkType.IPV4, Next.IPV4_ONLY);
  }

  public static FrameBuilder ipv6Link() {
    return new FrameBuilder(LinkType.IPV6, Next.IPV6_ONLY);
  }

  /**
   * BSD loopback: a 4-byte address family in the capturing host's byte order. {@code ipv6Family}
   * is the platform's AF_INET6 (10, 24, 28 or 30).
   */
  public static FrameBuilder nullLink(ByteOrder order, int ipv6Family) {
    FrameBuilder frame = new FrameBuilder(LinkType.NULL, Next.FAMILY);
    frame.familyOrder = order;
    frame.ipv6Family = ipv6Family;
    frame.openTypeField(TypeField.FAMILY);
    return frame;
  }

  /** OpenBSD loopback: like NULL, but the family is in network byte order. */
  public static FrameBuilder loop(int ipv6Family) {
    FrameBuilder frame = new FrameBuilder(LinkType.LOOP, Next.FAMILY);
    frame.ipv6Family = ipv6Family;
    frame.openTypeField(TypeField.FAMILY);
    return frame;
  }

  /**
   * A link type Docket does not decode, with an Ethernet-like header so that what follows would be
   * decodable if it were mistaken for Ethernet.
   */
  public static FrameBuilder undecodedLink(int linkType) {
    FrameBuilder frame = new FrameBuilder(linkType, Next.NOTHING);
    frame.write(0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2);
    frame.openTypeField(TypeField.ETHERTYPE);
    return frame;
  }

  /** A VLAN tag: {@code tpid} is 0x8100, 0x88a8 or 0x9100. */
  public FrameBuilder vlan(int tpid, int id) {
    checkState(typeField == TypeField.ETHERTYPE, "a VLAN tag must follow an ethertype");
    fillTypeField(tpid, -1, -1);
    int priority = 5; // non-zero so that a decoder that forgets to mask the id is caught
    write((priority << 5) | (id >>> 8), id);
    openTypeField(TypeField.ETHERTYPE);
    if (next == Next.ETHERTYPE) {
      vlanIds.add(new FrameFields.Tag(id, size));
    } else {
      next = Next.NOTHING;
    }
    return this;
  }

  /** An MPLS label stack entry; the last one added is the bottom of the stack. */
  public FrameBuilder mpls(int label) {
    if (bottomMplsEntryAt >= 0 && bottomMplsEntryAt == size - 4) {
      bytes[bottomMplsEntryAt + 2] &= (byte) ~0x01; // the previous entry is no longer the bottom
    } else {
      checkState(typeField == TypeField.ETHERTYPE, "MPLS must follow an ethertype");
      fillTypeField(0x8847, -1, -1);
      next = next == Next.ETHERTYPE ? Next.NIBBLE : Next.NOTHING;
    }
    bottomMplsEntryAt = size;
    write(label >>> 12, label >>> 4, (label << 4) | 0x01, 64);
    if (next == Next.NIBBLE) {
      mplsLabels.add(new FrameFields.Tag(label, size));
    }
    return this;
  }

  /** An IPv4 header without options, unfragmented, or an IPv6 header. */
  public FrameBuilder ip(IpAddress source, IpAddress destination) {
    checkArgument(source.version() == destination.version(), "mixed IP versions");
    return source.version() == 4
        ? ipv4(source, destination, 0, 0, false)
        : ipv6(source, destination);
  }

  /**
   * An IPv4 header with {@code optionWords} 4-byte words of options (NOPs) and the given fragment
   * offset (8-byte units) and more-fragments flag.
   */
  public FrameBuilder ipv4(
      IpAddress source, IpAddress destination, int optionWords, int fragmentOffset, boolean more) {
    checkArgument(source.version() == 4 && destination.version() == 4, "not IPv4");
    checkArgument(optionWords >= 0 && optionWords <= 10, "options are 0-10 words");
    checkArgument(fragmentOffset >= 0 && fragmentOffset <= 0x1FFF, "fragment offset");
    boolean outermost = enterIp(4);
    int at = size;
    int flagsAndOffset = (more ? 0x2000 : 0) | fragmentOffset;
    write(0x45 + optionWords, 0, 0, 0, 0x12, 0x34, flagsAndOffset >>> 8, flagsAndOffset, 64);
    openTypeField(TypeField.PROTOCOL);
    write(0, 0); // checksum: nothing checks it
    writeInt((int) source.low());
    writeInt((int) destination.low());
    for (int i = 0; i < optionWords * 4; i++) {
      write(1); // NOP
    }
    if (outermost) {
      recordIp(source, destination, at + 20);
      protocolEnd = at + 20;
      firstFragment = fragmentOffset == 0;
    }
    return this;
  }

  /** An IPv6 fixed header; extension headers and the upper layer follow. */
  public FrameBuilder ipv6(IpAddress source, IpAddress destination) {
    checkArgument(source.version() == 6 && destination.version() == 6, "not IPv6");
    boolean outermost = enterIp(6);
    int at = size;
    write(0x60, 0, 0, 0, 0, 0);
    openTypeField(TypeField.PROTOCOL);
    write(64);
    writeLong(source.high());
    writeLong(source.low());
    writeLong(destination.high());
    writeLong(destination.low());
    if (outermost) {
      recordIp(source, destination, at + 40);
      protocolEnd = at + 40;
      firstFragment = true;
    }
    return this;
  }

  /**
   * An IPv6 extension header of {@code type} 0, 43, 60, 135 ({@code length} a multiple of 8) or AH
   * 51 ({@code length} a multiple of 4), at least 8 bytes.
   */
  public FrameBuilder ipv6Extension(int type, int length) {
    checkArgument(length >= 8 && length <= 2048, "extension length %s", length);
    int lengthField;
    if (type == 51) {
      checkArgument(length % 4 == 0, "AH is a multiple of 4 bytes");
      lengthField = length / 4 - 2;
    } else {
      checkArgument(type == 0 || type == 43 || type == 60 || type == 135, "not an extension: %s", type);
      checkArgument(length % 8 == 0, "extensions are a multiple of 8 bytes");
      lengthField = length / 8 - 1;
    }
    extension(type, length);
    write(lengthField);
    for (int i = 2; i < length; i++) {
      write(i == 2 ? 1 : 0); // PadN-looking filler
    }
    return this;
  }

  /** An IPv6 fragment header; {@code offsetUnits} counts 8-byte units. */
  public FrameBuilder ipv6Fragment(int offsetUnits, boolean more) {
    checkArgument(offsetUnits >= 0 && offsetUnits <= 0x1FFF, "fragment offset");
    boolean outermostChain = extension(44, 8);
    int offsetAndFlags = (offsetUnits << 3) | (more ? 1 : 0);
    write(0, offsetAndFlags >>> 8, offsetAndFlags);
    writeInt(0x0BADCAFE);
    if (outermostChain && offsetUnits != 0) {
      firstFragment = false;
    }
    return this;
  }

  /** Fills in the previous next-header and opens this one's; whether it is in the outer chain. */
  private boolean extension(int type, int length) {
    checkState(typeField == TypeField.PROTOCOL, "an extension header must follow IP");
    fillTypeField(-1, type, -1);
    boolean outermostChain = next == Next.OUTER_UPPER_LAYER && ipVersion == 6;
    if (next == Next.OUTER_UPPER_LAYER && ipVersion == 4) {
      protocol = type; // IPv4 names its protocol once; no chain is followed
      next = Next.NOTHING;
    }
    openTypeField(TypeField.PROTOCOL);
    if (outermostChain) {
      protocolEnd = size - 1 + length;
    }
    return outermostChain;
  }

  public FrameBuilder tcp(int sourcePort, int destinationPort) {
    transport(6, sourcePort, destinationPort);
    writeInt(1); // sequence
    writeInt(0);
    write(0x50, 0x02, 0xFF, 0xFF, 0, 0, 0, 0);
    return this;
  }

  public FrameBuilder udp(int sourcePort, int destinationPort) {
    transport(17, sourcePort, destinationPort);
    write(0, 8, 0, 0);
    return this;
  }

  public FrameBuilder sctp(int sourcePort, int destinationPort) {
    transport(132, sourcePort, destinationPort);
    writeInt(0x01020304); // verification tag
    writeInt(0); // checksum
    return this;
  }

  /** ICMP (protocol 1) or ICMPv6 (58) echo request: no ports. */
  public FrameBuilder icmp(int protocolNumber) {
    checkArgument(protocolNumber == 1 || protocolNumber == 58, "ICMP is protocol 1 or 58");
    upperLayer(protocolNumber);
    write(protocolNumber == 1 ? 8 : 128, 0, 0, 0, 0, 1, 0, 1);
    return this;
  }

  /**
   * {@code length} bytes of a protocol without ports (not TCP, UDP or SCTP), filled with 0x45 to
   * catch a decoder that takes them for an IPv4 header.
   */
  public FrameBuilder upperLayer(int protocolNumber, int length) {
    checkArgument(
        protocolNumber != 6 && protocolNumber != 17 && protocolNumber != 132, "use tcp/udp/sctp");
    upperLayer(protocolNumber);
    for (int i = 0; i < length; i++) {
      write(0x45);
    }
    return this;
  }

  /** {@code length} bytes that are not IP: ethertype ARP, address family 0, or version nibble 0. */
  public FrameBuilder nonIp(int length) {
    checkState(typeField != TypeField.PROTOCOL, "behind IP, use upperLayer");
    fillTypeField(0x0806, -1, 0);
    next = Next.NOTHING;
    for (int i = 0; i < length; i++) {
      write(0);
    }
    return this;
  }

  /** Trailing bytes beyond the last header, as Ethernet padding adds. */
  public FrameBuilder pad(int length) {
    for (int i = 0; i < length; i++) {
      write(0);
    }
    return this;
  }

  /**
   * The frame. A type field still open gets a value no decoder follows: ethertype 0x88b5 (local
   * experimental), protocol 59 (IPv6 no next header), address family 0.
   */
  public CraftedFrame build() {
    if (typeField == TypeField.PROTOCOL && next == Next.OUTER_UPPER_LAYER) {
      protocol = 59;
    }
    fillTypeField(0x88B5, 59, 0);
    if (lengthFieldAt >= 0) {
      int length = size - lengthFieldAt - 2;
      checkState(length < 0x600, "an 802.3 frame's length must stay below 1536");
      bytes[lengthFieldAt] = (byte) (length >>> 8);
      bytes[lengthFieldAt + 1] = (byte) length;
    }
    FrameFields fields = new FrameFields(
        vlanIds.build(), mplsLabels.build(), ipVersion, source, destination, ipEnd, protocol,
        protocolEnd, firstFragment, sourcePort, destinationPort, portsEnd);
    return new CraftedFrame(Arrays.copyOf(bytes, size), linkType, fields);
  }

  private void transport(int protocolNumber, int sourcePort, int destinationPort) {
    boolean outermost = next == Next.OUTER_UPPER_LAYER;
    upperLayer(protocolNumber);
    if (outermost && firstFragment) {
      this.sourcePort = sourcePort;
      this.destinationPort = destinationPort;
      this.portsEnd = size + 4;
    }
    write(sourcePort >>> 8, sourcePort, destinationPort >>> 8, destinationPort);
  }

  private void upperLayer(int protocolNumber) {
    checkState(typeField == TypeField.PROTOCOL, "an upper layer must follow IP");
    fillTypeField(-1, protocolNumber, -1);
    if (next == Next.OUTER_UPPER_LAYER) {
      protocol = protocolNumber;
    }
    next = Next.NOTHING;
  }

  /** Fills in the open type field for IP; whether this is the outermost IP header decoded. */
  private boolean enterIp(int version) {
    fillTypeField(version == 4 ? 0x0800 : 0x86DD, version == 4 ? 4 : 41, version == 4 ? 2 : ipv6Family);
    boolean outermost = switch (next) {
      case ETHERTYPE, SNAP_IP_ONLY, NIBBLE, FAMILY -> true;
      case IPV4_ONLY -> version == 4;
      case IPV6_ONLY -> version == 6;
      case OUTER_UPPER_LAYER, NOTHING -> false;
    };
    if (next == Next.OUTER_UPPER_LAYER) {
      protocol = version == 4 ? 4 : 41; // IP in IP: the outer header's protocol
    }
    next = outermost ? Next.OUTER_UPPER_LAYER : Next.NOTHING;
    return outermost;
  }

  private void recordIp(IpAddress source, IpAddress destination, int ipEnd) {
    this.ipVersion = source.version();
    this.source = source;
    this.destination = destination;
    this.ipEnd = ipEnd;
  }

  /**
   * Writes the open type field, if any, with the value for its kind; an ethertype other than IP
   * behind LLC/SNAP stops decoding.
   */
  private void fillTypeField(int ethertype, int protocolNumber, int family) {
    switch (typeField) {
      case NONE -> {
        return;
      }
      case ETHERTYPE -> {
        bytes[typeFieldAt] = (byte) (ethertype >>> 8);
        bytes[typeFieldAt + 1] = (byte) ethertype;
        if (next == Next.SNAP_IP_ONLY && ethertype != 0x0800 && ethertype != 0x86DD) {
          next = Next.NOTHING;
        }
      }
      case PROTOCOL -> bytes[typeFieldAt] = (byte) protocolNumber;
      case FAMILY -> {
        int ordered = familyOrder == ByteOrder.BIG_ENDIAN ? family : Integer.reverseBytes(family);
        bytes[typeFieldAt] = (byte) (ordered >>> 24);
        bytes[typeFieldAt + 1] = (byte) (ordered >>> 16);
        bytes[typeFieldAt + 2] = (byte) (ordered >>> 8);
        bytes[typeFieldAt + 3] = (byte) ordered;
      }
    }
    typeField = TypeField.NONE;
  }

  private void openTypeField(TypeField kind) {
    typeField = kind;
    typeFieldAt = size;
    int width = kind == TypeField.ETHERTYPE ? 2 : kind == TypeField.PROTOCOL ? 1 : 4;
    for (int i = 0; i < width; i++) {
      write(0);
    }
  }

  private void write(int... values) {
    for (int value : values) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, size * 2);
      }
      bytes[size++] = (byte) value;
    }
  }

  private void writeInt(int value) {
    write(value >>> 24, value >>> 16, value >>> 8, value);
  }

  private void writeLong(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
  }
}
