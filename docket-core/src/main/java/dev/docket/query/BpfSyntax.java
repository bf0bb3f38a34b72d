package dev.docket.query;

/**
 * Prints a query as a tcpdump (libpcap) filter expression that selects the same packets within the
 * query's time window. BPF knows no time: the top-level {@code after}/{@code before} bounds are left
 * out (see {@link TimeWindow#split}) and a bound nested under {@code or} or {@code not} cannot be
 * printed at all.
 *
 * <p>Primitives are qualified so libpcap means what Docket means: {@code host} becomes {@code ip host}
 * or {@code ip6 host} (bare {@code host} would also match ARP), and {@code ip proto N} becomes {@code
 * (ip proto N or ip6 proto N)} (libpcap's {@code ip proto} is IPv4 only). Known differences that
 * remain: libpcap does not look through VLAN tags or MPLS labels unless the filter says {@code vlan}
 * or {@code mpls} first, and its {@code ip6 proto} reads only the first next-header.
 *
 * <p>{@code vlan N} and {@code mpls N} print as tests of the outermost Ethernet tag's bytes, not as
 * libpcap's {@code vlan}/{@code mpls} keywords: those move the decoding offsets for the whole rest
 * of the expression (so {@code not vlan 10 and ip host A} would read untagged packets at the wrong
 * offsets), and libpcap refuses a {@code vlan} anywhere after an {@code mpls}. So the BPF form selects
 * exactly what Docket does on packets without VLAN tags, MPLS labels or IPv6 extension headers,
 * and tagged packets are where the two part ways: Docket looks through tags, BPF does not.
 *
 * <p>A {@code bpf "EXPR"} part prints as {@code (EXPR)}, as it is. Joined to other primitives it is
 * exact unless EXPR holds {@code vlan} or {@code mpls}, which move libpcap's offsets for whatever
 * follows it in the printed expression.
 */
public final class BpfSyntax {
  private BpfSyntax() {}

  /**
   * The BPF expression, or "" (which tcpdump reads as "every packet") when the query is only a time
   * window.
   *
   * @throws InvalidQueryException when a time bound sits under {@code or} or {@code not}
   */
  public static String print(Query query) {
    return TimeWindow.split(query).rest().map(BpfSyntax::expression).orElse("");
  }

  private static String expression(Query query) {
    if (query instanceof Host host) {
      return family(host.address()) + " " + host.direction().prefix() + "host " + host.address();
    }
    if (query instanceof Net net) {
      return family(net.network()) + " " + net.direction().prefix() + "net " + net.network() + "/"
          + net.prefixLength();
    }
    if (query instanceof Port port) {
      return port.direction().prefix()
          + (port.isSingle() ? "port " + port.low() : "portrange " + port.low() + "-" + port.high());
    }
    if (query instanceof Proto proto) {
      return switch (proto.number()) {
        case 6 -> "tcp"; // libpcap's tcp, udp and sctp already cover IPv4 and IPv6
        case 17 -> "udp";
        case 132 -> "sctp";
        case 1 -> "(icmp or ip6 proto 1)";
        case 58 -> "(ip proto 58 or icmp6)";
        default -> "(ip proto " + proto.number() + " or ip6 proto " + proto.number() + ")";
      };
    }
    if (query instanceof IpVersion version) {
      return version.version() == 4 ? "ip" : "ip6";
    }
    if (query instanceof Vlan vlan) {
      return "((ether[12:2] = 0x8100 or ether[12:2] = 0x88a8 or ether[12:2] = 0x9100) and ether[14:2] & 0xfff = "
          + vlan.id() + ")";
    }
    if (query instanceof Mpls mpls) {
      return "((ether[12:2] = 0x8847 or ether[12:2] = 0x8848) and ether[14:4] >> 12 = " + mpls.label() + ")";
    }
    if (query instanceof Bpf bpf) {
      // Already libpcap's; parenthesized so its own and/or bind inside it.
      return "(" + bpf.expression() + ")";
    }
    if (query instanceof TimeBound bound) {
      throw new InvalidQueryException(
          "'" + QuerySyntax.print(bound) + "' sits under 'or' or 'not', and BPF has no time; "
              + "only time bounds joined to the whole query with 'and' can be left out");
    }
    if (query instanceof Not not) {
      return "not " + operand(not.operand());
    }
    if (query instanceof And and) {
      return operand(and.left()) + " and " + operand(and.right());
    }
    Or or = (Or) query;
    return operand(or.left()) + " or " + operand(or.right());
  }

  /** libpcap shares Docket's precedence, but explicit parentheses leave nothing to remember. */
  private static String operand(Query query) {
    String text = expression(query);
    return query instanceof And || query instanceof Or || query instanceof Not ? "(" + text + ")" : text;
  }

  private static String family(IpAddress address) {
    return address.version() == 4 ? "ip" : "ip6";
  }
}
