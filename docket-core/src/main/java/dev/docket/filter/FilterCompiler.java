package dev.docket.filter;

import dev.docket.query.And;
import dev.docket.query.Bpf;
import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpAddress;
import dev.docket.query.IpVersion;
import dev.docket.query.Mpls;
import dev.docket.query.Net;
import dev.docket.query.Not;
import dev.docket.query.Or;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.QuerySyntax;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a query tree into a filter tree: one evaluator per primitive, with the work a packet would
 * otherwise repeat done here once. Nested {@code and}s and {@code or}s are flattened into one list
 * each, constants fold away, double negation cancels, and each list is ordered cheapest first so a
 * time bound rejects a packet before it is decoded. Reordering is safe because evaluating a filter
 * has no effect beyond decoding the packet, which happens at most once however it is asked.
 */
final class FilterCompiler {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final Instant EARLIEST_NANOS = Instant.ofEpochSecond(0, Long.MIN_VALUE);
  private static final Instant LATEST_NANOS = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private FilterCompiler() {}

  static PacketFilter compile(Query query) {
    if (query instanceof And) {
      return allOf(query);
    }
    if (query instanceof Or) {
      return anyOf(query);
    }
    if (query instanceof Not not) {
      return negation(compile(not.operand()));
    }
    return primitive(query);
  }

  private static PacketFilter allOf(Query and) {
    List<PacketFilter> operands = new ArrayList<>();
    List<Query> conjuncts = new ArrayList<>();
    collectConjuncts(and, conjuncts);
    for (Query operand : conjuncts) {
      PacketFilter filter = compile(operand);
      if (filter instanceof Constant constant) {
        if (!constant.result()) {
          return PacketFilter.NONE;
        }
      } else {
        operands.add(filter);
      }
    }
    return combine(operands, PacketFilter.ALL, AllOf::new);
  }

  private static PacketFilter anyOf(Query or) {
    List<PacketFilter> operands = new ArrayList<>();
    for (Query operand : Or.disjuncts(or)) {
      PacketFilter filter = compile(operand);
      if (filter instanceof Constant constant) {
        if (constant.result()) {
          return PacketFilter.ALL;
        }
      } else {
        operands.add(filter);
      }
    }
    return combine(operands, PacketFilter.NONE, AnyOf::new);
  }

  private static PacketFilter combine(
      List<PacketFilter> operands,
      PacketFilter empty,
      Function<PacketFilter[], PacketFilter> combiner) {
    if (operands.isEmpty()) {
      return empty;
    }
    if (operands.size() == 1) {
      return operands.get(0);
    }
    operands.sort(Comparator.comparingInt(PacketFilter::cost)); // stable: ties keep query order
    return combiner.apply(operands.toArray(new PacketFilter[0]));
  }

  /** The operands of a run of {@code and}s, left to right: {@code a and (b and c)} gives a, b, c. */
  private static void collectConjuncts(Query query, List<Query> operands) {
    if (query instanceof And and) {
      collectConjuncts(and.left(), operands);
      collectConjuncts(and.right(), operands);
    } else {
      operands.add(query);
    }
  }

  private static PacketFilter negation(PacketFilter operand) {
    if (operand instanceof Constant constant) {
      return constant.result() ? PacketFilter.NONE : PacketFilter.ALL;
    }
    if (operand instanceof Negation negation) {
      return negation.operand();
    }
    return new Negation(operand);
  }

  private static PacketFilter primitive(Query query) {
    if (query instanceof Host host) {
      IpAddress address = host.address();
      return address(host.direction(), address, address.bitLength(), QuerySyntax.print(host));
    }
    if (query instanceof Net net) {
      return address(net.direction(), net.network(), net.prefixLength(), QuerySyntax.print(net));
    }
    if (query instanceof Port port) {
      return new PortFilter(port.direction(), port.low(), port.high(), QuerySyntax.print(port));
    }
    if (query instanceof Proto proto) {
      return new ProtocolFilter(proto.number());
    }
    if (query instanceof IpVersion version) {
      return new IpVersionFilter(version.version());
    }
    if (query instanceof Vlan vlan) {
      return new VlanFilter(vlan.id());
    }
    if (query instanceof Mpls mpls) {
      return new MplsFilter(mpls.label());
    }
    if (query instanceof Bpf bpf) {
      return new BpfFilter(bpf.expression());
    }
    if (query instanceof TimeBound bound) {
      return timeBound(bound);
    }
    throw new AssertionError("unknown query node " + query.getClass().getName());
  }

  private static PacketFilter address(
      Direction direction, IpAddress network, int prefixLength, String text) {
    if (network.version() == 4) {
      return new Ipv4AddressFilter(direction, (int) network.low(), prefixLength, text);
    }
    return new Ipv6AddressFilter(direction, network.high(), network.low(), prefixLength, text);
  }

  /**
   * A bound beyond the nanosecond timestamps a {@code long} holds (before 1677 or after 2262) keeps
   * every packet or none, and folds to a constant.
   */
  private static PacketFilter timeBound(TimeBound bound) {
    Instant instant = bound.instant();
    boolean after = bound.side() == TimeBound.Side.AFTER;
    if (instant.isAfter(LATEST_NANOS)) {
      return after ? PacketFilter.NONE : PacketFilter.ALL;
    }
    if (instant.isBefore(EARLIEST_NANOS)) {
      return after ? PacketFilter.ALL : PacketFilter.NONE;
    }
    long seconds = instant.getEpochSecond();
    // Before 1970, seconds * 10^9 alone can overflow where the sum does not; borrow a second.
    long nanos = seconds < 0
        ? (seconds + 1) * NANOS_PER_SECOND + (instant.getNano() - NANOS_PER_SECOND)
        : seconds * NANOS_PER_SECOND + instant.getNano();
    return after ? new TimestampAtOrAfter(nanos) : new TimestampBefore(nanos);
  }
}
