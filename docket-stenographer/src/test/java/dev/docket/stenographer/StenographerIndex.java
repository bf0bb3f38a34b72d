package dev.docket.stenographer;

import com.google.common.collect.ImmutableSet;
import dev.docket.query.IpAddress;
import java.nio.ByteBuffer;

/**
 * A model of what Stenographer's index sees in a stored frame: {@code Index::Process} of
 * stenotype/index.cc (google/stenographer, the code Debian's 1.0.1 builds), transcribed step for
 * step, written from that code and not from Docket's decoder so that the two can disagree. Where it
 * differs from Docket:
 *
 * <ul>
 *   <li>VLAN tags 0x8100, 0x88a8 and 0x9100-0x9300 and MPLS stacks are walked, every id indexed;
 *       a label is indexed only when a byte follows it (the next layer is told by that nibble,
 *       and nibble 0 is a pseudowire control word and Ethernet again);
 *   <li>an 802.3 length instead of an ethertype ends the walk: IP in LLC/SNAP is never indexed;
 *   <li>IPv6's chain is walked through hop-by-hop, routing, destination options, mobility and
 *       first-fragment headers (each by its length byte, the fragment header's reserved byte
 *       included); a later fragment is indexed as protocol 44, AH (51) and ESP (50) end the walk;
 *   <li>ports for TCP and UDP only, and only with the whole TCP (20 bytes) or UDP (8) header;
 *   <li>neither version nibble nor fragment offset is checked for IPv4: later fragments get
 *       whatever bytes sit where ports would be (extra matches, never missing ones).
 * </ul>
 */
final class StenographerIndex {
  private static final int ETHERNET = 0; // index.cc's kTypeEthernet: not an ethertype
  private static final int MPLS_BOTTOM_OF_STACK = 1 << 8;

  private final ByteBuffer frame;
  private final int limit;
  private final ImmutableSet.Builder<Integer> vlans = ImmutableSet.builder();
  private final ImmutableSet.Builder<Integer> mplsLabels = ImmutableSet.builder();
  private final ImmutableSet.Builder<IpAddress> addresses = ImmutableSet.builder();
  private final ImmutableSet.Builder<Integer> protocols = ImmutableSet.builder();
  private final ImmutableSet.Builder<Integer> ports = ImmutableSet.builder();

  private StenographerIndex(byte[] frame) {
    this.frame = ByteBuffer.wrap(frame);
    this.limit = frame.length;
  }

  /** The index entries of one frame as the sensor stored it (Ethernet, whole: nothing cut). */
  static IndexEntries of(byte[] frame) {
    StenographerIndex index = new StenographerIndex(frame);
    index.process();
    return new IndexEntries(
        index.vlans.build(), index.mplsLabels.build(), index.addresses.build(), index.protocols.build(), index.ports.build());
  }

  private void process() {
    int start = 0;
    int type = ETHERNET;
    int protocol;
    // The pre_ip_encapsulation loop: strip every layer before the IP header.
    while (true) {
      if (type == ETHERNET) {
        if (start + 14 > limit) {
          return;
        }
        type = u16(start + 12);
        start += 14;
      } else if (type == 0x8100 || type == 0x88A8 || type == 0x9100 || type == 0x9200 || type == 0x9300) {
        if (start + 4 > limit) {
          return;
        }
        vlans.add(u16(start) & 0x0FFF);
        type = u16(start + 2);
        start += 4;
      } else if (type == 0x8847 || type == 0x8848) {
        int header;
        do {
          // Five bytes: the label, and the nibble after the stack that says what follows it.
          if (start + 5 > limit) {
            return;
          }
          header = frame.getInt(start);
          mplsLabels.add(header >>> 12);
          start += 4;
        } while ((header & MPLS_BOTTOM_OF_STACK) == 0);
        switch (u8(start) >>> 4) {
          case 0 -> {
            type = ETHERNET; // RFC 4385: a pseudowire control word, then Ethernet
            start += 4;
          }
          case 4 -> type = 0x0800;
          case 6 -> type = 0x86DD;
          default -> {
            return;
          }
        }
      } else if (type == 0x0800) {
        if (start + 20 > limit) {
          return;
        }
        addresses.add(IpAddress.ipv4(frame.getInt(start + 12)));
        addresses.add(IpAddress.ipv4(frame.getInt(start + 16)));
        int length = (u8(start) & 0xF) * 4;
        if (length < 20) {
          return;
        }
        protocol = u8(start + 9);
        start += length;
        break;
      } else if (type == 0x86DD) {
        if (start + 40 > limit) {
          return;
        }
        protocol = u8(start + 6);
        addresses.add(IpAddress.ipv6(frame.getLong(start + 8), frame.getLong(start + 16)));
        addresses.add(IpAddress.ipv6(frame.getLong(start + 24), frame.getLong(start + 32)));
        start += 40;
        // The ip6_extensions loop.
        while (true) {
          if (protocol == 44) {
            if (start + 8 > limit) {
              return;
            }
            if ((u16(start + 2) & 0xFFF8) != 0) {
              break; // a later fragment: indexed as protocol 44, no ports
            }
            // A first fragment falls through to the generic extension header.
          } else if (protocol != 135 && protocol != 0 && protocol != 43 && protocol != 60) {
            break;
          }
          if (start + 2 > limit) {
            return;
          }
          protocol = u8(start);
          start += (u8(start + 1) + 1) * 8;
        }
        break;
      } else {
        return;
      }
    }
    protocols.add(protocol);
    if (protocol == 6 && start + 20 <= limit || protocol == 17 && start + 8 <= limit) {
      ports.add(u16(start));
      ports.add(u16(start + 2));
    }
  }

  private int u8(int at) {
    return frame.get(at) & 0xFF;
  }

  private int u16(int at) {
    return frame.getShort(at) & 0xFFFF;
  }
}
