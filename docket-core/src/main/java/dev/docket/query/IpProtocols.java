package dev.docket.query;

import com.google.common.collect.ImmutableBiMap;
import java.util.OptionalInt;

/**
 * The IP protocol names {@code ip proto} accepts, from IANA's protocol numbers. Fixed here rather
 * than read from /etc/protocols so a query means the same on every machine.
 */
final class IpProtocols {
  private static final ImmutableBiMap<String, Integer> BY_NAME =
      ImmutableBiMap.<String, Integer>builder()
          .put("icmp", 1)
          .put("igmp", 2)
          .put("ipip", 4)
          .put("tcp", 6)
          .put("egp", 8)
          .put("udp", 17)
          .put("ipv6", 41)
          .put("rsvp", 46)
          .put("gre", 47)
          .put("esp", 50)
          .put("ah", 51)
          .put("icmp6", 58)
          .put("eigrp", 88)
          .put("ospf", 89)
          .put("pim", 103)
          .put("vrrp", 112)
          .put("l2tp", 115)
          .put("sctp", 132)
          .build();

  private IpProtocols() {}

  static OptionalInt number(String name) {
    Integer number = BY_NAME.get(name);
    return number == null ? OptionalInt.empty() : OptionalInt.of(number);
  }

  /** The name of {@code number}, or the number itself when it has none here. */
  static String name(int number) {
    String name = BY_NAME.inverse().get(number);
    return name == null ? Integer.toString(number) : name;
  }

  static String knownNames() {
    return String.join(" ", BY_NAME.keySet());
  }
}
