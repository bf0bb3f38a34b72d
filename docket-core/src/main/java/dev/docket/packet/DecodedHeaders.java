package dev.docket.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The header fields of one packet that filters ask about, decoded in place at most once per packet.
 *
 * <p>Nothing is read until a field is first asked for; then the link header, VLAN tags, MPLS labels
 * and the outermost IP header (with the IPv6 extension chain) are walked in one pass, which records
 * offsets rather than copying: addresses and ports are read from the buffer only when asked for.
 * Every read is checked against the captured length first, so a cut-off header leaves its fields
 * absent rather than throwing or reading bytes the capture does not have.
 *
 * <p>Allocation-free: the tag arrays are sized once, and a packet with more than {@link
 * #RECORDED_TAG_LIMIT} VLAN tags or MPLS labels is still looked through to its IP header, with only
 * the first {@link #RECORDED_TAG_LIMIT} of each recorded.
 */
final class DecodedHeaders {
  static final int RECORDED_TAG_LIMIT = 8;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_8021Q = 0x8100;
  private static final int ETHERTYPE_8021AD = 0x88A8;
  /** The pre-standard QinQ outer tag, still sent by some switches. */
  private static final int ETHERTYPE_QINQ_LEGACY = 0x9100;
  private static final int ETHERTYPE_MPLS_UNICAST = 0x8847;
  private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
  /** Below this an Ethernet type field is an 802.3 length, followed by an LLC header. */
  private static final int ETHERTYPE_MINIMUM = 0x600;

  private static final int AF_INET = 2;

  private ByteBuffer buffer = ByteBuffer.allocate(0);
  private int start;
  /** One past the last captured byte, as an absolute buffer index. */
  private int end;
  private int linkType;
  private boolean bigEndian = true;
  private boolean decoded;

  private int ipVersion;
  private int ipOffset;
  private int upperProtocol;
  private boolean firstFragment;
  /** Where the source and destination ports are, when they are present and captured; else -1. */
  private int portsOffset;
  private final int[] vlanIds = new int[RECORDED_TAG_LIMIT];
  private int vlanIdCount;
  private final int[] mplsLabels = new int[RECORDED_TAG_LIMIT];
  private int mplsLabelCount;

  /** Forgets the previous packet; nothing is read until a field is asked for. */
  void reset(ByteBuffer buffer, int offset, int capturedLength, int linkType) {
    this.buffer = buffer;
    this.start = offset;
    this.end = offset + capturedLength;
    this.linkType = linkType;
    // The reader may have set its buffer little-endian for record headers; packets are big-endian.
    this.bigEndian = buffer.order() == ByteOrder.BIG_ENDIAN;
    this.decoded = false;
  }

  int ipVersion() {
    decodeOnce();
    return ipVersion;
  }

  int ipv4Source() {
    requireIpVersion(4);
    return int32(ipOffset + 12);
  }

  int ipv4Destination() {
    requireIpVersion(4);
    return int32(ipOffset + 16);
  }

  long ipv6SourceHigh() {
    requireIpVersion(6);
    return int64(ipOffset + 8);
  }

  long ipv6SourceLow() {
    requireIpVersion(6);
    return int64(ipOffset + 16);
  }

  long ipv6DestinationHigh() {
    requireIpVersion(6);
    return int64(ipOffset + 24);
  }

  long ipv6DestinationLow() {
    requireIpVersion(6);
    return int64(ipOffset + 32);
  }

  int upperProtocol() {
    decodeOnce();
    return upperProtocol;
  }

  boolean isFirstFragment() {
    decodeOnce();
    return firstFragment;
  }

  int sourcePort() {
    decodeOnce();
    return portsOffset < 0 ? -1 : uint16(portsOffset);
  }

  int destinationPort() {
    decodeOnce();
    return portsOffset < 0 ? -1 : uint16(portsOffset + 2);
  }

  int vlanIdCount() {
    decodeOnce();
    return vlanIdCount;
  }

  int vlanId(int index) {
    return vlanIds[Objects.checkIndex(index, vlanIdCount())];
  }

  boolean hasVlanId(int id) {
    decodeOnce();
    for (int i = 0; i < vlanIdCount; i++) {
      if (vlanIds[i] == id) {
        return true;
      }
    }
    return false;
  }

  int mplsLabelCount() {
    decodeOnce();
    return mplsLabelCount;
  }

  int mplsLabel(int index) {
    return mplsLabels[Objects.checkIndex(index, mplsLabelCount())];
  }

  boolean hasMplsLabel(int label) {
    decodeOnce();
    for (int i = 0; i < mplsLabelCount; i++) {
      if (mplsLabels[i] == label) {
        return true;
      }
    }
    return false;
  }

  private void requireIpVersion(int version) {
    decodeOnce();
    if (ipVersion != version) {
      throw new IllegalStateException(
          "not an IPv" + version + " packet (IP version " + ipVersion + "); check ipVersion() first");
    }
  }

  private void decodeOnce() {
    if (!decoded) {
      decode();
    }
  }

  private void decode() {
    decoded = true;
    ipVersion = 0;
    ipOffset = -1;
    upperProtocol = -1;
    firstFragment = false;
    portsOffset = -1;
    vlanIdCount = 0;
    mplsLabelCount = 0;
    switch (linkType) {
      case LinkType.ETHERNET -> decodeEthernet();
      case LinkType.LINUX_SLL -> {
        if (captured(start, 16)) {
          decodeEthertype(uint16(start + 14), start + 16);
        }
      }
      case LinkType.LINUX_SLL2 -> {
        if (captured(start, 20)) {
          decodeEthertype(uint16(start), start + 20);
        }
      }
      case LinkType.RAW -> decodeIpByVersionNibble(start);
      case LinkType.IPV4 -> decodeIpv4(start);
      case LinkType.IPV6 -> decodeIpv6(start);
      case LinkType.NULL -> decodeAddressFamily(false);
      case LinkType.LOOP -> decodeAddressFamily(true);
      default -> {
        // Not a link type Docket decodes: no field is present.
      }
    }
  }

  private void decodeEthernet() {
    if (!captured(start, 14)) {
      return;
    }
    int type = uint16(start + 12);
    if (type >= ETHERTYPE_MINIMUM) {
      decodeEthertype(type, start + 14);
      return;
    }
    // An 802.3 length: only LLC/SNAP with OUI 0 (RFC 1042 encapsulation) carrying IP is decoded.
    int llc = start + 14;
    if (!captured(llc, 8)
        || uint16(llc) != 0xAAAA
        || uint8(llc + 2) != 0x03
        || uint16(llc + 3) != 0
        || uint8(llc + 5) != 0) {
      return;
    }
    type = uint16(llc + 6);
    if (type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6) {
      decodeEthertype(type, llc + 8);
    }
  }

  /** Walks VLAN tags and MPLS labels from an ethertype to the outermost IP header. */
  private void decodeEthertype(int ethertype, int at) {
    int type = ethertype;
    int header = at;
    while (type == ETHERTYPE_8021Q || type == ETHERTYPE_8021AD || type == ETHERTYPE_QINQ_LEGACY) {
      if (!captured(header, 4)) {
        return;
      }
      if (vlanIdCount < RECORDED_TAG_LIMIT) {
        vlanIds[vlanIdCount++] = uint16(header) & 0xFFF;
      }
      type = uint16(header + 2);
      header += 4;
    }
    if (type == ETHERTYPE_IPV4) {
      decodeIpv4(header);
    } else if (type == ETHERTYPE_IPV6) {
      decodeIpv6(header);
    } else if (type == ETHERTYPE_MPLS_UNICAST || type == ETHERTYPE_MPLS_MULTICAST) {
      decodeMplsStack(header);
    }
  }

  private void decodeMplsStack(int at) {
    int entry = at;
    boolean bottomOfStack;
    do {
      if (!captured(entry, 4)) {
        return;
      }
      int labelStackEntry = int32(entry);
      if (mplsLabelCount < RECORDED_TAG_LIMIT) {
        mplsLabels[mplsLabelCount++] = labelStackEntry >>> 12;
      }
      bottomOfStack = (labelStackEntry & 0x100) != 0;
      entry += 4;
    } while (!bottomOfStack);
    // MPLS does not say what it carries; IP is recognised by its version nibble, as routers do.
    decodeIpByVersionNibble(entry);
  }

  private void decodeAddressFamily(boolean networkOrderOnly) {
    if (!captured(start, 4)) {
      return;
    }
    int family = int32(start);
    // NULL writes the family in the capturing host's byte order, which the file does not record.
    int swapped = networkOrderOnly ? family : Integer.reverseBytes(family);
    if (family == AF_INET || swapped == AF_INET) {
      decodeIpv4(start + 4);
    } else if (isIpv6Family(family) || isIpv6Family(swapped)) {
      decodeIpv6(start + 4);
    }
  }

  /** AF_INET6 is 10 on Linux, 24 on the BSDs, 28 on FreeBSD and 30 on macOS. */
  private static boolean isIpv6Family(int family) {
    return family == 10 || family == 24 || family == 28 || family == 30;
  }

  private void decodeIpByVersionNibble(int at) {
    if (!captured(at, 1)) {
      return;
    }
    int version = uint8(at) >>> 4;
    if (version == 4) {
      decodeIpv4(at);
    } else if (version == 6) {
      decodeIpv6(at);
    }
  }

  private void decodeIpv4(int at) {
    if (!captured(at, 20)) {
      return;
    }
    int versionAndLength = uint8(at);
    int headerWords = versionAndLength & 0xF;
    if ((versionAndLength >>> 4) != 4 || headerWords < 5) {
      return;
    }
    ipVersion = 4;
    ipOffset = at;
    upperProtocol = uint8(at + 9);
    firstFragment = (uint16(at + 6) & 0x1FFF) == 0;
    findPorts(at + headerWords * 4);
  }

  private void decodeIpv6(int at) {
    if (!captured(at, 40) || (uint8(at) >>> 4) != 6) {
      return;
    }
    ipVersion = 6;
    ipOffset = at;
    int next = uint8(at + 6);
    int header = at + 40;
    boolean first = true;
    while (true) {
      int length;
      if (next == 0 || next == 43 || next == 60 || next == 135) {
        // Hop-by-hop, routing, destination options, mobility: 8-byte units past the first 8.
        if (!captured(header, 2)) {
          return;
        }
        length = (uint8(header + 1) + 1) * 8;
      } else if (next == 44) {
        length = 8;
        if (!captured(header, 8)) {
          return;
        }
        first &= (uint16(header + 2) & 0xFFF8) == 0;
      } else if (next == 51) {
        // AH counts 4-byte units, less 2.
        if (!captured(header, 2)) {
          return;
        }
        length = (uint8(header + 1) + 2) * 4;
      } else {
        break;
      }
      // A chain cut short leaves the protocol unknown: the bytes after it could be anything.
      if (!captured(header, length)) {
        return;
      }
      next = uint8(header);
      header += length;
    }
    upperProtocol = next;
    firstFragment = first;
    findPorts(header);
  }

  private void findPorts(int transportHeader) {
    boolean hasPorts = upperProtocol == 6 || upperProtocol == 17 || upperProtocol == 132;
    if (hasPorts && firstFragment && captured(transportHeader, 4)) {
      portsOffset = transportHeader;
    }
  }

  private boolean captured(int at, int length) {
    return at + length <= end;
  }

  private int uint8(int at) {
    return buffer.get(at) & 0xFF;
  }

  private int uint16(int at) {
    short value = buffer.getShort(at);
    return (bigEndian ? value : Short.reverseBytes(value)) & 0xFFFF;
  }

  private int int32(int at) {
    int value = buffer.getInt(at);
    return bigEndian ? value : Integer.reverseBytes(value);
  }

  private long int64(int at) {
    long value = buffer.getLong(at);
    return bigEndian ? value : Long.reverseBytes(value);
  }
}
