package dev.docket.query;

/**
 * Prints a query as canonical Docket text: one spelling per query, which {@link QueryParser} reads
 * back to the same tree. Times print as RFC 3339 in UTC; {@code and}/{@code or} chains print without
 * parentheses where the left-to-right reading already groups them, and with them everywhere else.
 */
public final class QuerySyntax {
  private QuerySyntax() {}

  public static String print(Query query) {
    StringBuilder out = new StringBuilder();
    print(query, out);
    return out.toString();
  }

  // Java 17 has no pattern switch: an instanceof chain, ending in the sealed interface's last case.
  private static void print(Query query, StringBuilder out) {
    if (query instanceof Host host) {
      out.append(host.direction().prefix()).append("host ").append(host.address());
    } else if (query instanceof Net net) {
      out.append(net.direction().prefix()).append("net ");
      out.append(net.network()).append('/').append(net.prefixLength());
    } else if (query instanceof Port port) {
      out.append(port.direction().prefix());
      if (port.isSingle()) {
        out.append("port ").append(port.low());
      } else {
        out.append("portrange ").append(port.low()).append('-').append(port.high());
      }
    } else if (query instanceof Proto proto) {
      out.append(protoText(proto.number()));
    } else if (query instanceof IpVersion version) {
      out.append(version.version() == 4 ? "ip" : "ip6");
    } else if (query instanceof Vlan vlan) {
      out.append("vlan ").append(vlan.id());
    } else if (query instanceof Mpls mpls) {
      out.append("mpls ").append(mpls.label());
    } else if (query instanceof Bpf bpf) {
      out.append("bpf \"").append(bpf.expression().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (query instanceof TimeBound bound) {
      out.append(bound.side().keyword()).append(' ').append(TimeText.format(bound.instant()));
    } else if (query instanceof Not not) {
      out.append("not ");
      printOperand(not.operand(), out, true);
    } else if (query instanceof And and) {
      printBinary(and.left(), "and", and.right(), And.class, out);
    } else {
      Or or = (Or) query;
      printBinary(or.left(), "or", or.right(), Or.class, out);
    }
  }

  private static String protoText(int number) {
    return switch (number) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 132 -> "sctp";
      case 1 -> "icmp";
      case 58 -> "icmp6";
      default -> "ip proto " + IpProtocols.name(number);
    };
  }

  private static void printBinary(
      Query left, String operator, Query right, Class<? extends Query> kind, StringBuilder out) {
    // a or b or c parses as ((a or b) or c): the left operand needs no parentheses when it is the
    // same operator. Mixed operators get them anyway, so nobody has to remember the equal precedence.
    printOperand(left, out, !kind.isInstance(left));
    out.append(' ').append(operator).append(' ');
    printOperand(right, out, true);
  }

  private static void printOperand(Query operand, StringBuilder out, boolean parenthesizeBinary) {
    boolean parenthesize = parenthesizeBinary && (operand instanceof And || operand instanceof Or);
    if (parenthesize) {
      out.append('(');
    }
    print(operand, out);
    if (parenthesize) {
      out.append(')');
    }
  }
}
