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
 * <p>libpcap's {@code vlan} and {@code mpls} move the decoding offsets for the rest of the expression,
 * and it refuses a {@code vlan} anywhere after an {@code mpls} ("no VLAN match after MPLS"). Such a
 * {@code vlan N} is printed as a test of the outermost tag's bytes instead, which moves nothing.
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
    return TimeWindow.split(query).rest().map(rest -> new Printer().expression(rest)).orElse("");
  }

  /** One printing, left to right in text order, remembering whether an {@code mpls} came already. */
  private static final class Printer {
    private boolean afterMpls;

    String expression(Query query) {
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
        return afterMpls
            ? "((ether[12:2] = 0x8100 or ether[12:2] = 0x88a8 or ether[12:2] = 0x9100) and ether[14:2] & 0xfff = "
                + vlan.id() + ")"
            : "vlan " + vlan.id();
      }
      if (query instanceof Mpls mpls) {
        afterMpls = true;
        return "mpls " + mpls.label();
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
        String left = operand(and.left());
        return left + " and " + operand(and.right());
      }
      Or or = (Or) query;
      String left = operand(or.left());
      return left + " or " + operand(or.right());
    }

    /** libpcap shares Docket's precedence, but explicit parentheses leave nothing to remember. */
    private String operand(Query query) {
      String text = expression(query);
      return query instanceof And || query instanceof Or || query instanceof Not ? "(" + text + ")" : text;
    }

    private static String family(IpAddress address) {
      return address.version() == 4 ? "ip" : "ip6";
    }
  }
}
