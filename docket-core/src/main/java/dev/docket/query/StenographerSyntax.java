package dev.docket.query;

import com.google.common.collect.ImmutableList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Prints a query in Stenographer's dialect. Stenographer has no {@code not}, no {@code src}/{@code
 * dst}, no port ranges, no {@code ip}/{@code ip6}, and keeps time by whole files; each of those is
 * relaxed to something that selects a superset, and named in {@link StenographerQuery#relaxed()} so
 * the planner knows a residual filter is needed.
 */
public final class StenographerSyntax {
  /** Port ranges up to this many ports are sent as {@code port a or port b ...}; wider ones are dropped. */
  static final int MAX_EXPANDED_RANGE = 16;

  /** What Stenographer is asked for when nothing narrower can be said: every stored packet. */
  static final String EVERYTHING = "after 1970-01-01T00:00:00Z";

  static final String NOT = "not (Stenographer has no negation)";
  static final String DIRECTION = "src/dst (Stenographer matches either direction)";
  static final String PORT_RANGE = "portrange wider than " + MAX_EXPANDED_RANGE + " ports";
  static final String IP_VERSION = "ip/ip6 (Stenographer has no such primitive)";
  static final String TIME = "time (Stenographer keeps whole files around each bound)";

  private StenographerSyntax() {}

  public static StenographerQuery print(Query query) {
    Set<String> relaxed = new LinkedHashSet<>();
    Optional<Query> superset = relax(query, relaxed);
    String text = superset.map(StenographerSyntax::text).orElse(EVERYTHING);
    return new StenographerQuery(text, ImmutableList.copyOf(relaxed));
  }

  /** A query Stenographer can run that matches at least what {@code query} does; empty: everything. */
  private static Optional<Query> relax(Query query, Set<String> relaxed) {
    if (query instanceof Host host && host.direction() != Direction.EITHER) {
      relaxed.add(DIRECTION);
      return Optional.of(new Host(Direction.EITHER, host.address()));
    }
    if (query instanceof Net net && net.direction() != Direction.EITHER) {
      relaxed.add(DIRECTION);
      return Optional.of(new Net(Direction.EITHER, net.network(), net.prefixLength()));
    }
    if (query instanceof Port port) {
      if (port.direction() != Direction.EITHER) {
        relaxed.add(DIRECTION);
      }
      if (port.high() - port.low() >= MAX_EXPANDED_RANGE) {
        relaxed.add(PORT_RANGE);
        return Optional.empty();
      }
      Query ports = Port.of(port.low());
      for (int p = port.low() + 1; p <= port.high(); p++) {
        ports = new Or(ports, Port.of(p));
      }
      return Optional.of(ports);
    }
    if (query instanceof IpVersion) {
      relaxed.add(IP_VERSION);
      return Optional.empty();
    }
    if (query instanceof TimeBound) {
      relaxed.add(TIME);
      return Optional.of(query);
    }
    if (query instanceof Not) {
      relaxed.add(NOT);
      return Optional.empty();
    }
    if (query instanceof And and) {
      Optional<Query> left = relax(and.left(), relaxed);
      Optional<Query> right = relax(and.right(), relaxed);
      if (left.isEmpty()) {
        return right;
      }
      return right.isEmpty() ? left : Optional.of(new And(left.get(), right.get()));
    }
    if (query instanceof Or or) {
      Optional<Query> left = relax(or.left(), relaxed);
      Optional<Query> right = relax(or.right(), relaxed);
      return left.isEmpty() || right.isEmpty()
          ? Optional.empty()
          : Optional.of(new Or(left.get(), right.get()));
    }
    return Optional.of(query); // host, net, port, proto, vlan, mpls: Stenographer has them as they are
  }

  /** Prints an already relaxed query: only primitives Stenographer knows, and/or, parentheses. */
  private static String text(Query query) {
    if (query instanceof Proto proto) {
      return switch (proto.number()) {
        case 6 -> "tcp";
        case 17 -> "udp";
        case 1 -> "icmp";
        default -> "ip proto " + proto.number();
      };
    }
    if (query instanceof And and) {
      return leftOperand(and.left(), And.class) + " and " + operand(and.right());
    }
    if (query instanceof Or or) {
      return leftOperand(or.left(), Or.class) + " or " + operand(or.right());
    }
    // host, net, port, vlan, mpls, after, before: the canonical Docket text is Stenographer's too.
    return QuerySyntax.print(query);
  }

  /** Stenographer also groups left to right, so a left operand of the same operator needs no parentheses. */
  private static String leftOperand(Query query, Class<? extends Query> operator) {
    return operator.isInstance(query) ? text(query) : operand(query);
  }

  private static String operand(Query query) {
    return query instanceof And || query instanceof Or ? "(" + text(query) + ")" : text(query);
  }
}
