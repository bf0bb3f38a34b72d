package dev.docket.packet;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One captured packet, viewed in place: a flyweight that a reader points at each record in turn.
 * The bytes stay in the reader's buffer and are valid only until the reader moves on; copy what you
 * keep.
 *
 * <p>Record fields: link type, timestamp in nanoseconds since the epoch, captured length (the bytes
 * present) and original length (the packet on the wire), and the index of the capture interface
 * within its file (always 0 for classic pcap).
 *
 * <p>Decoded fields: what a filter asks about the outermost IP header (version, addresses, upper
 * protocol, fragment, ports) and the VLAN tags and MPLS labels in front of it. They are decoded from
 * the bytes in place on first use, once per record, without allocating, and never from past the
 * captured length: a field whose bytes are cut off is absent. Link types decoded: {@link
 * LinkType#ETHERNET} (Ethernet II, and 802.3 with LLC/SNAP carrying IP), {@link LinkType#LINUX_SLL},
 * {@link LinkType#LINUX_SLL2}, {@link LinkType#RAW}, {@link LinkType#IPV4}, {@link LinkType#IPV6},
 * {@link LinkType#NULL} (either byte order) and {@link LinkType#LOOP}; any other link type has no
 * decoded fields. VLAN tags (0x8100, 0x88a8, 0x9100) and MPLS label stacks are looked through however
 * many there are, but only the first {@link #RECORDED_TAG_LIMIT} of each are recorded.
 */
public final class PacketView {
  /** How many VLAN ids and how many MPLS labels a view records, outermost first. */
  public static final int RECORDED_TAG_LIMIT = DecodedHeaders.RECORDED_TAG_LIMIT;

  private ByteBuffer buffer = ByteBuffer.allocate(0);
  private int offset;
  private int capturedLength;
  private int originalLength;
  private long timestampNanos;
  private int linkType;
  private int interfaceIndex;
  private final DecodedHeaders headers = new DecodedHeaders();

  /**
   * Points this view at a record whose captured bytes are {@code buffer[offset, offset +
   * capturedLength)}. The buffer's position and limit are not used or changed; its byte order does
   * not matter. Fields decoded from the previous record are forgotten.
   *
   * @throws IndexOutOfBoundsException when the captured bytes do not lie within the buffer
   */
  public void reset(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      long timestampNanos,
      int linkType,
      int interfaceIndex) {
    Objects.checkFromIndexSize(offset, capturedLength, buffer.capacity());
    this.buffer = buffer;
    this.offset = offset;
    this.capturedLength = capturedLength;
    this.originalLength = originalLength;
    this.timestampNanos = timestampNanos;
    this.linkType = linkType;
    this.interfaceIndex = interfaceIndex;
    headers.reset(buffer, offset, capturedLength, linkType);
  }

  /** The buffer holding the captured bytes, at {@link #offset()}. Do not modify it. */
  public ByteBuffer buffer() {
    return buffer;
  }

  public int offset() {
    return offset;
  }

  public int capturedLength() {
    return capturedLength;
  }

  public int originalLength() {
    return originalLength;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  public int linkType() {
    return linkType;
  }

  public int interfaceIndex() {
    return interfaceIndex;
  }

  /** Copies the captured bytes out, for keeping past the reader's next move. */
  public byte[] copyBytes() {
    byte[] bytes = new byte[capturedLength];
    buffer.get(offset, bytes);
    return bytes;
  }

  /**
   * 4 or 6 when the outermost network header (after any VLAN tags and MPLS labels) is an IPv4 header
   * with a valid version and header length, or an IPv6 header, captured at least through its fixed
   * part (20 or 40 bytes); otherwise 0.
   */
  public int ipVersion() {
    return headers.ipVersion();
  }

  /**
   * The IPv4 source address's 32 bits.
   *
   * @throws IllegalStateException when {@link #ipVersion()} is not 4
   */
  public int ipv4Source() {
    return headers.ipv4Source();
  }

  /**
   * The IPv4 destination address's 32 bits.
   *
   * @throws IllegalStateException when {@link #ipVersion()} is not 4
   */
  public int ipv4Destination() {
    return headers.ipv4Destination();
  }

  /**
   * The first 64 bits of the IPv6 source address.
   *
   * @throws IllegalStateException when {@link #ipVersion()} is not 6
   */
  public long ipv6SourceHigh() {
    return headers.ipv6SourceHigh();
  }

  /**
   * The last 64 bits of the IPv6 source address.
   *
   * @throws IllegalStateException when {@link #ipVersion()} is not 6
   */
  public long ipv6SourceLow() {
    return headers.ipv6SourceLow();
  }

  /**
   * The first 64 bits of the IPv6 destination address.
   *
   * @throws IllegalStateException when {@link #ipVersion()} is not 6
   */
  public long ipv6DestinationHigh() {
    return headers.ipv6DestinationHigh();
  }

  /**
   * The last 64 bits of the IPv6 destination address.
   *
   * @throws IllegalStateException when {@link #ipVersion()} is not 6
   */
  public long ipv6DestinationLow() {
    return headers.ipv6DestinationLow();
  }

  /**
   * The protocol carried by the outermost IP header: the IPv4 protocol field, or for IPv6 the next
   * header after hop-by-hop, routing, fragment, destination options, AH and mobility headers (ESP
   * ends the chain: it is the protocol). -1 when there is no IP header, or when an IPv6 extension
   * header is cut off.
   */
  public int upperProtocol() {
    return headers.upperProtocol();
  }

  /**
   * Whether the outermost IP packet is unfragmented or the first fragment: IPv4 fragment offset 0,
   * or IPv6 whose extension headers (all captured) hold no fragment header with a non-zero offset.
   * False when {@link #upperProtocol()} is -1.
   */
  public boolean isFirstFragment() {
    return headers.isFirstFragment();
  }

  /**
   * The TCP, UDP or SCTP source port, or -1 when the packet has none: not one of those protocols,
   * not a first fragment, or the port bytes were not captured.
   */
  public int sourcePort() {
    return headers.sourcePort();
  }

  /** The destination port, present exactly when {@link #sourcePort()} is. */
  public int destinationPort() {
    return headers.destinationPort();
  }

  /** How many VLAN ids are recorded, at most {@link #RECORDED_TAG_LIMIT}. */
  public int vlanIdCount() {
    return headers.vlanIdCount();
  }

  /** The 12-bit VLAN id of tag {@code index}, outermost first. */
  public int vlanId(int index) {
    return headers.vlanId(index);
  }

  /** Whether a recorded VLAN tag carries {@code id}. */
  public boolean hasVlanId(int id) {
    return headers.hasVlanId(id);
  }

  /** How many MPLS labels are recorded, at most {@link #RECORDED_TAG_LIMIT}. */
  public int mplsLabelCount() {
    return headers.mplsLabelCount();
  }

  /** The 20-bit label of label stack entry {@code index}, outermost first. */
  public int mplsLabel(int index) {
    return headers.mplsLabel(index);
  }

  /** Whether a recorded MPLS label stack entry carries {@code label}. */
  public boolean hasMplsLabel(int label) {
    return headers.hasMplsLabel(label);
  }
}
