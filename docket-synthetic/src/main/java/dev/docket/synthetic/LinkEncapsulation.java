package dev.docket.synthetic;

/**
 * What sits between the Ethernet addresses and the network header: nothing, an 802.1Q tag, an
 * 802.1ad + 802.1Q pair (QinQ), or an MPLS label stack. A conversation keeps one for its life, as a
 * flow on a real trunk does.
 */
sealed interface LinkEncapsulation {
  int ETHERTYPE_VLAN = 0x8100;
  int ETHERTYPE_SERVICE_VLAN = 0x88A8;
  int ETHERTYPE_MPLS = 0x8847;

  /**
   * Writes the tags and the final type field for a payload of {@code etherType} at {@code at};
   * returns the offset of the payload.
   */
  int write(FrameWriter out, int at, int etherType);

  /** Whether this link can carry ARP; MPLS carries only IP here. */
  boolean carriesArp();

  /** A plain Ethernet II frame. */
  record Untagged() implements LinkEncapsulation {
    @Override
    public int write(FrameWriter out, int at, int etherType) {
      out.u16(at, etherType);
      return at + 2;
    }

    @Override
    public boolean carriesArp() {
      return true;
    }
  }

  /** One 802.1Q tag. */
  record Vlan(int id, int priority) implements LinkEncapsulation {
    @Override
    public int write(FrameWriter out, int at, int etherType) {
      out.u16(at, ETHERTYPE_VLAN);
      out.u16(at + 2, priority << 13 | id);
      out.u16(at + 4, etherType);
      return at + 6;
    }

    @Override
    public boolean carriesArp() {
      return true;
    }
  }

  /** A provider's 802.1ad service tag around the customer's 802.1Q tag. */
  record QinQ(int serviceId, int customerId) implements LinkEncapsulation {
    @Override
    public int write(FrameWriter out, int at, int etherType) {
      out.u16(at, ETHERTYPE_SERVICE_VLAN);
      out.u16(at + 2, serviceId);
      out.u16(at + 4, ETHERTYPE_VLAN);
      out.u16(at + 6, customerId);
      out.u16(at + 8, etherType);
      return at + 10;
    }

    @Override
    public boolean carriesArp() {
      return true;
    }
  }

  /**
   * An MPLS label stack of one or two labels ({@code innerLabel} is -1 for one). Labels are 16 or
   * more, so no reserved label tells the payload's type: readers guess IPv4 or IPv6 from its first
   * nibble, as tcpdump and Wireshark do.
   */
  record Mpls(int outerLabel, int innerLabel) implements LinkEncapsulation {
    private static final int TTL = 64;

    @Override
    public int write(FrameWriter out, int at, int etherType) {
      out.u16(at, ETHERTYPE_MPLS);
      int next = at + 2;
      if (innerLabel >= 0) {
        out.u32(next, outerLabel << 12 | TTL);
        next += 4;
        out.u32(next, innerLabel << 12 | 1 << 8 | TTL);
      } else {
        out.u32(next, outerLabel << 12 | 1 << 8 | TTL);
      }
      return next + 4;
    }

    @Override
    public boolean carriesArp() {
      return false;
    }
  }
}
