package dev.docket.synthetic;

import dev.docket.query.IpAddress;
import java.util.Arrays;

/**
 * Writes one Ethernet frame at a time into a reused array: the headers of every layer the generator
 * speaks, in network byte order, with their checksums. It knows formats, not traffic: what goes in
 * the fields is the conversations' business.
 */
final class FrameWriter {
  /** Larger than any frame: 1500 bytes of IP, 14 of Ethernet and at most 10 of tags or labels. */
  static final int CAPACITY = 2048;

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_IPV6 = 0x86DD;
  static final int ETHERTYPE_ARP = 0x0806;
  static final long BROADCAST_MAC = 0xFFFF_FFFF_FFFFL;

  static final int PROTOCOL_HOP_BY_HOP = 0;
  static final int PROTOCOL_ICMP = 1;
  static final int PROTOCOL_TCP = 6;
  static final int PROTOCOL_UDP = 17;
  static final int PROTOCOL_FRAGMENT = 44;
  static final int PROTOCOL_ICMPV6 = 58;
  static final int PROTOCOL_DESTINATION_OPTIONS = 60;

  static final int IPV4_HEADER_LENGTH = 20;
  static final int IPV6_HEADER_LENGTH = 40;
  static final int UDP_HEADER_LENGTH = 8;
  static final int IPV4_DONT_FRAGMENT = 0x4000;
  static final int IPV4_MORE_FRAGMENTS = 0x2000;

  // Ethernet pads frames to 64 bytes on the wire; without the 4-byte FCS a capture shows 60.
  private static final int MINIMUM_FRAME = 60;

  private final byte[] bytes = new byte[CAPACITY];

  /** The array frames are written to; the current frame starts at index 0. */
  byte[] bytes() {
    return bytes;
  }

  void u8(int at, int value) {
    bytes[at] = (byte) value;
  }

  void u16(int at, int value) {
    bytes[at] = (byte) (value >>> 8);
    bytes[at + 1] = (byte) value;
  }

  void u32(int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  void u48(int at, long value) {
    u16(at, (int) (value >>> 32));
    u32(at + 2, (int) value);
  }

  void u64(int at, long value) {
    u32(at, (int) (value >>> 32));
    u32(at + 4, (int) value);
  }

  void copy(byte[] source, int sourceOffset, int at, int length) {
    System.arraycopy(source, sourceOffset, bytes, at, length);
  }

  /** Writes the address's 4 or 16 bytes; returns the offset after them. */
  int address(int at, IpAddress address) {
    if (address.version() == 4) {
      u32(at, (int) address.low());
      return at + 4;
    }
    u64(at, address.high());
    u64(at + 8, address.low());
    return at + 16;
  }

  /** Writes the Ethernet addresses, tags and type; returns the offset of the payload. */
  int ethernet(long destinationMac, long sourceMac, LinkEncapsulation link, int etherType) {
    u48(0, destinationMac);
    u48(6, sourceMac);
    return link.write(this, 12, etherType);
  }

  /** Writes a 20-byte IPv4 header with its checksum; returns the offset of the payload. */
  int ipv4(
      int at,
      IpAddress source,
      IpAddress destination,
      int protocol,
      int payloadLength,
      int identification,
      int flagsAndFragmentOffset,
      int ttl) {
    u8(at, 0x45);
    u8(at + 1, 0);
    u16(at + 2, IPV4_HEADER_LENGTH + payloadLength);
    u16(at + 4, identification);
    u16(at + 6, flagsAndFragmentOffset);
    u8(at + 8, ttl);
    u8(at + 9, protocol);
    u16(at + 10, 0);
    address(at + 12, source);
    address(at + 16, destination);
    u16(at + 10, InternetChecksum.finish(InternetChecksum.add(0, bytes, at, IPV4_HEADER_LENGTH)));
    return at + IPV4_HEADER_LENGTH;
  }

  /** Writes a 40-byte IPv6 header; returns the offset of the payload. */
  int ipv6(
      int at,
      IpAddress source,
      IpAddress destination,
      int nextHeader,
      int payloadLength,
      int hopLimit,
      int flowLabel) {
    u32(at, 6 << 28 | flowLabel);
    u16(at + 4, payloadLength);
    u8(at + 6, nextHeader);
    u8(at + 7, hopLimit);
    address(at + 8, source);
    address(at + 24, destination);
    return at + IPV6_HEADER_LENGTH;
  }

  /**
   * The sum of the pseudo-header that TCP, UDP and ICMPv6 checksums cover: both addresses, the
   * protocol and the transport length (RFC 793, RFC 768, RFC 8200 section 8.1).
   */
  static long pseudoHeaderSum(IpAddress source, IpAddress destination, int protocol, int length) {
    return addressSum(source) + addressSum(destination) + protocol + length;
  }

  private static long addressSum(IpAddress address) {
    return wordSum(address.high()) + wordSum(address.low());
  }

  private static long wordSum(long bits) {
    return (bits >>> 48) + ((bits >>> 32) & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + (bits & 0xFFFF);
  }

  /**
   * Writes a TCP header, with an MSS option when {@code mss > 0} (SYN segments); returns the
   * header's length. The checksum is left zero for {@link #checksum}.
   */
  int tcp(
      int at,
      int sourcePort,
      int destinationPort,
      long sequence,
      long acknowledgement,
      int flags,
      int window,
      int mss) {
    int headerLength = mss > 0 ? 24 : 20;
    u16(at, sourcePort);
    u16(at + 2, destinationPort);
    u32(at + 4, (int) sequence);
    u32(at + 8, (int) acknowledgement);
    u8(at + 12, (headerLength / 4) << 4);
    u8(at + 13, flags);
    u16(at + 14, window);
    u16(at + 16, 0);
    u16(at + 18, 0);
    if (mss > 0) {
      u8(at + 20, 2); // kind: maximum segment size
      u8(at + 21, 4);
      u16(at + 22, mss);
    }
    return headerLength;
  }

  /** Writes a UDP header; the checksum is left zero for {@link #checksum}. */
  void udp(int at, int sourcePort, int destinationPort, int length) {
    u16(at, sourcePort);
    u16(at + 2, destinationPort);
    u16(at + 4, length);
    u16(at + 6, 0);
  }

  /**
   * Computes the checksum of {@code bytes[at, at + length)} plus {@code pseudoHeaderSum} and stores
   * it at {@code at + fieldOffset}, whose bytes must be zero. UDP sends a computed zero as 0xFFFF,
   * because zero there means "no checksum".
   */
  void checksum(int at, int length, int fieldOffset, long pseudoHeaderSum, boolean udp) {
    int checksum =
        InternetChecksum.finish(InternetChecksum.add(pseudoHeaderSum, bytes, at, length));
    u16(at + fieldOffset, udp && checksum == 0 ? 0xFFFF : checksum);
  }

  /**
   * Zero-pads a frame that ends at {@code end} to Ethernet's minimum; returns the frame's length.
   */
  int finish(int end) {
    if (end >= MINIMUM_FRAME) {
      return end;
    }
    Arrays.fill(bytes, end, MINIMUM_FRAME, (byte) 0);
    return MINIMUM_FRAME;
  }
}
