package dev.docket.summary;

import java.util.Locale;

/**
 * Names for the protocol numbers after an IP header: the names Docket's query language knows (so
 * that {@code proto gre} finds what the summary calls {@code gre}), else {@code ip-proto-N} as
 * tcpdump prints an unknown protocol. Kept in an array, built once, so naming is a lookup.
 */
final class IpProtocolNames {
  /** The protocol after IPv6 extension headers that are cut off: it cannot be known. */
  static final int UNKNOWN = -1;

  private static final String[] NAMES = names();

  private IpProtocolNames() {}

  /** The lower-case name of {@code protocol} (0-255), or of {@link #UNKNOWN}. */
  static String name(int protocol) {
    return protocol == UNKNOWN ? "ip6-truncated" : NAMES[protocol];
  }

  /** The name as a one-line packet summary writes it: upper case, as tcpdump does. */
  static String display(int protocol) {
    String name = name(protocol);
    return name.startsWith("ip-proto-") || protocol == UNKNOWN ? name : name.toUpperCase(Locale.ROOT);
  }

  private static String[] names() {
    String[] names = new String[256];
    for (int i = 0; i < names.length; i++) {
      names[i] = "ip-proto-" + i;
    }
    String known =
        "1 icmp, 2 igmp, 4 ipip, 6 tcp, 8 egp, 17 udp, 41 ipv6, 46 rsvp, 47 gre, 50 esp, 51 ah, "
            + "58 icmp6, 88 eigrp, 89 ospf, 103 pim, 112 vrrp, 115 l2tp, 132 sctp";
    for (String pair : known.split(", ")) {
      int space = pair.indexOf(' ');
      names[Integer.parseInt(pair.substring(0, space))] = pair.substring(space + 1);
    }
    return names;
  }
}
