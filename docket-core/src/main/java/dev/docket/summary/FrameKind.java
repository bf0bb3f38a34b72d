package dev.docket.summary;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;

/**
 * What a frame without a decodable IP header carries, as a number: its ethertype (after any VLAN
 * tags), or one of the codes below. {@link PacketView} decodes IP only, so the link header is
 * walked again here, just far enough for the type; only frames that are not IP pay for it.
 *
 * <p>Mutable and reused, so that naming a frame allocates nothing: {@link #read} sets {@link
 * #kind()} and {@link #payloadOffset()}.
 */
final class FrameKind {
  /** An 802.3 frame: a length where the ethertype would be, then an LLC header. */
  static final long LLC = 0x1_0000;
  /** The link header, or a VLAN tag in it, is cut off. */
  static final long TRUNCATED = 0x1_0001;
  /** Any kind beyond those a summary counts one by one. */
  static final long OTHER = 0x1_0002;
  /** Plus the link type: a link Docket does not decode, or no IP on a link that carries only IP. */
  static final long LINK = 0x1_0000_0000L;

  private static final int ETHERTYPE_MINIMUM = 0x600;
  private static final int ETHERTYPE_ARP = 0x0806;
  private static final int ETHERTYPE_RARP = 0x8035;

  private long kind;
  private int payloadOffset;

  /** Reads the kind of a frame whose {@link PacketView#ipVersion()} is 0. */
  void read(PacketView packet) {
    ByteBuffer buffer = packet.buffer();
    int start = packet.offset();
    int end = start + packet.capturedLength();
    kind = TRUNCATED;
    payloadOffset = end;
    switch (packet.linkType()) {
      case LinkType.ETHERNET -> {
        if (start + 14 <= end) {
          int type = uint16(buffer, start + 12);
          if (type < ETHERTYPE_MINIMUM) {
            kind = LLC;
            payloadOffset = start + 14;
          } else {
            readEthertype(buffer, type, start + 14, end);
          }
        }
      }
      case LinkType.LINUX_SLL -> {
        if (start + 16 <= end) {
          readEthertype(buffer, uint16(buffer, start + 14), start + 16, end);
        }
      }
      case LinkType.LINUX_SLL2 -> {
        if (start + 20 <= end) {
          readEthertype(buffer, uint16(buffer, start), start + 20, end);
        }
      }
      default -> kind = LINK | Integer.toUnsignedLong(packet.linkType());
    }
  }

  long kind() {
    return kind;
  }

  /** Whether the frame is ARP or RARP, whose addresses start at {@link #payloadOffset()}. */
  boolean isArp() {
    return kind == ETHERTYPE_ARP || kind == ETHERTYPE_RARP;
  }

  /** Where the bytes after the link header (and VLAN tags) start, as an absolute buffer index. */
  int payloadOffset() {
    return payloadOffset;
  }

  private void readEthertype(ByteBuffer buffer, int ethertype, int at, int end) {
    int type = ethertype;
    int header = at;
    while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
      if (header + 4 > end) {
        return;
      }
      type = uint16(buffer, header + 2);
      header += 4;
    }
    kind = type;
    payloadOffset = header;
  }

  /** Big-endian whatever the buffer's order, read a byte at a time: this is not the hot path. */
  static int uint16(ByteBuffer buffer, int at) {
    return (buffer.get(at) & 0xFF) << 8 | (buffer.get(at + 1) & 0xFF);
  }

  /** The kind's name in a protocol breakdown. */
  static String name(long kind) {
    if (kind >= LINK) {
      return "link-" + LinkType.name((int) (kind - LINK));
    }
    if (kind == LLC) {
      return "llc";
    }
    if (kind == TRUNCATED) {
      return "truncated";
    }
    if (kind == OTHER) {
      return "other";
    }
    return switch ((int) kind) {
      case 0x0800 -> "ip-truncated";
      case 0x86DD -> "ip6-truncated";
      case ETHERTYPE_ARP, ETHERTYPE_RARP -> "arp"; // RARP is ARP's format, and tcpdump and tshark call it ARP
      case 0x0842 -> "wol";
      case 0x809B -> "appletalk";
      case 0x80F3 -> "aarp";
      case 0x8137 -> "ipx";
      case 0x8809 -> "slow";
      case 0x8847, 0x8848 -> "mpls";
      case 0x8863 -> "pppoe-discovery";
      case 0x8864 -> "pppoe";
      case 0x888E -> "eapol";
      case 0x88CC -> "lldp";
      case 0x88E5 -> "macsec";
      case 0x88F7 -> "ptp";
      case 0x9000 -> "loopback";
      default -> String.format("ethertype-0x%04x", kind);
    };
  }
}
