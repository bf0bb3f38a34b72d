package dev.docket.plan;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.docket.query.And;
import dev.docket.query.Bpf;
import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpVersion;
import dev.docket.query.Mpls;
import dev.docket.query.Net;
import dev.docket.query.Not;
import dev.docket.query.Or;
import dev.docket.query.IpAddress;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The narrowest query a backend can run that still matches everything a query matches, given the
 * features the backend has. Dropping a term is always safe under {@code and}; under {@code or} it
 * widens the whole disjunction; a {@code not} is dropped whole when the backend cannot evaluate it or
 * anything under it, since relaxing inside it would narrow, not widen.
 *
 * <p>Where a backend decodes less than Docket does, a primitive is widened rather than dropped,
 * with a disjunct that reaches the packets the backend files elsewhere (each rule is at its {@link
 * QueryFeature}): a port also asks for SCTP ({@code ip proto 132}) and IPv6 AH ({@code ip proto
 * 51}); a protocol also asks for later IPv6 fragments ({@code ip proto 44}) and IPv6 AH; an
 * IPv4-mapped IPv6 host or network becomes {@code net ::fffe:0:0/95}.
 *
 * @param superset the query to run, or empty for "every packet"
 * @param relaxed what was relaxed, each once, in the order met
 */
public record Relaxation(Optional<Query> superset, List<QueryFeature> relaxed) {
  /** Port ranges up to this many ports are spelled out as {@code port a or port b ...}. */
  public static final int MAX_EXPANDED_RANGE = 16;

  /** IPv6's fragment header, the protocol Stenographer gives an IPv6 fragment after the first. */
  private static final Proto FRAGMENT_HEADER = new Proto(44);

  /** IPv6's authentication header (AH), where Stenographer stops walking the extension chain. */
  private static final Proto AUTHENTICATION_HEADER = new Proto(51);

  /** The IPv6 extension headers Docket's decoder walks past, never reporting one as the protocol. */
  private static final ImmutableSet<Integer> WALKED_IPV6_EXTENSIONS = ImmutableSet.of(0, 43, 44, 51, 60, 135);

  /**
   * {@code ::fffe:0:0/95}: the narrowest IPv6 network that holds every IPv4-mapped address yet is
   * not itself written as one, which a backend without {@link QueryFeature#IPV4_MAPPED_IPV6} (such
   * as Stenographer, which reads {@code ::ffff:a.b.c.d} as {@code a.b.c.d}) still takes as IPv6.
   */
  private static final Net MAPPED_IPV6_SUPERSET = new Net(Direction.EITHER, IpAddress.ipv6(0, 0xFFFE_0000_0000L), 95);

  /** Whether every address of {@code network}/{@code prefixLength} is IPv4-mapped IPv6. */
  private static boolean isIpv4Mapped(IpAddress network, int prefixLength) {
    return network.version() == 6 && prefixLength >= 96 && network.high() == 0 && (network.low() >>> 32) == 0xFFFF;
  }

  /** Whether the superset is the query itself: nothing left for a residual filter to do. */
  public Relaxation {
    requireNonNull(superset, "superset");
    relaxed = List.copyOf(relaxed);
  }

  public boolean isExact() {
    return relaxed.isEmpty();
  }

  /** Relaxes {@code query} for a backend that has exactly {@code features}. */
  public static Relaxation of(Query query, Set<QueryFeature> features) {
    Set<QueryFeature> relaxed = EnumSet.noneOf(QueryFeature.class);
    Optional<Query> superset = new Relaxing(ImmutableSet.copyOf(features), relaxed).relax(query);
    if (!features.contains(QueryFeature.EXACT_DECODING)) {
      relaxed.add(QueryFeature.EXACT_DECODING); // whatever the query, the backend may find more
    }
    // EnumSet iterates in declaration order: messages list the features the same way every time.
    return new Relaxation(superset, List.copyOf(relaxed));
  }

  private static final class Relaxing {
    private final Set<QueryFeature> features;
    private final Set<QueryFeature> relaxed;

    Relaxing(Set<QueryFeature> features, Set<QueryFeature> relaxed) {
      this.features = features;
      this.relaxed = relaxed;
    }

    private boolean lacks(QueryFeature feature) {
      if (features.contains(feature)) {
        return false;
      }
      relaxed.add(feature);
      return true;
    }

    Optional<Query> relax(Query query) {
      if (query instanceof Host host) {
        Direction direction = relaxDirection(host.direction());
        return Optional.of(
            isIpv4Mapped(host.address(), 128) && lacks(QueryFeature.IPV4_MAPPED_IPV6)
                ? MAPPED_IPV6_SUPERSET
                : new Host(direction, host.address()));
      }
      if (query instanceof Net net) {
        Direction direction = relaxDirection(net.direction());
        return Optional.of(
            isIpv4Mapped(net.network(), net.prefixLength()) && lacks(QueryFeature.IPV4_MAPPED_IPV6)
                ? MAPPED_IPV6_SUPERSET
                : new Net(direction, net.network(), net.prefixLength()));
      }
      if (query instanceof Port port) {
        return relaxPort(port).map(this::alsoUnseenPorts);
      }
      if (query instanceof Proto proto) {
        return Optional.of(alsoUnseenProtocols(proto));
      }
      if (query instanceof IpVersion && lacks(QueryFeature.IP_VERSION)) {
        return Optional.empty();
      }
      if (query instanceof Vlan && lacks(QueryFeature.VLAN)) {
        return Optional.empty();
      }
      if (query instanceof Mpls && lacks(QueryFeature.MPLS)) {
        return Optional.empty();
      }
      if (query instanceof Bpf && lacks(QueryFeature.BPF)) {
        return Optional.empty();
      }
      if (query instanceof TimeBound) {
        lacks(QueryFeature.EXACT_TIME); // still sent: the backend narrows by it, just not exactly
        return Optional.of(query);
      }
      if (query instanceof Not not) {
        return relaxNot(not);
      }
      if (query instanceof And and) {
        Optional<Query> left = relax(and.left());
        Optional<Query> right = relax(and.right());
        if (left.isEmpty()) {
          return right;
        }
        return right.isEmpty() ? left : Optional.of(new And(left.get(), right.get()));
      }
      if (query instanceof Or or) {
        Optional<Query> left = relax(or.left());
        Optional<Query> right = relax(or.right());
        if (left.isEmpty() || right.isEmpty()) {
          return Optional.empty();
        }
        boolean unchanged = left.get().equals(or.left()) && right.get().equals(or.right());
        return Optional.of(unchanged ? or : withoutRepeats(new Or(left.get(), right.get())));
      }
      return Optional.of(query); // ip/ip6, vlan and mpls the backend has, as they are
    }

    /**
     * A {@code not} is kept only when the backend evaluates it and everything under it exactly:
     * relaxing inside a negation would narrow it, so anything relaxed there drops it whole.
     */
    private Optional<Query> relaxNot(Not not) {
      if (lacks(QueryFeature.NEGATION)) {
        return Optional.empty();
      }
      Set<QueryFeature> inside = EnumSet.noneOf(QueryFeature.class);
      Optional<Query> operand = new Relaxing(features, inside).relax(not.operand());
      if (inside.isEmpty() && operand.isPresent()) {
        return Optional.of(new Not(operand.get()));
      }
      relaxed.addAll(inside);
      return Optional.empty();
    }

    /**
     * The same disjunction with each disjunct once, in the order met: widened primitives side by
     * side ({@code tcp or udp}) would otherwise each bring their own {@code ip proto 44 or ip proto 51}.
     */
    private static Query withoutRepeats(Or or) {
      return new LinkedHashSet<>(Or.disjuncts(or)).stream().reduce(Or::new).orElseThrow();
    }

    private Direction relaxDirection(Direction direction) {
      return direction != Direction.EITHER && lacks(QueryFeature.DIRECTION) ? Direction.EITHER : direction;
    }

    /**
     * A port also asks for the packets whose ports Docket sees and the backend does not: SCTP, and
     * anything behind an IPv6 authentication header. IPv6 fragments after the first have no ports
     * for Docket either, so they need nothing here.
     */
    private Query alsoUnseenPorts(Query ports) {
      Query widened = ports;
      if (lacks(QueryFeature.SCTP_PORTS)) {
        widened = new Or(widened, Proto.SCTP);
      }
      if (lacks(QueryFeature.IPV6_AUTHENTICATION_HEADER)) {
        widened = new Or(widened, AUTHENTICATION_HEADER);
      }
      return widened;
    }

    /**
     * A protocol also asks for the packets for which Docket finds it and the backend stops short:
     * behind an IPv6 authentication header the backend sees 51, in a later IPv6 fragment 44. Docket
     * walks past every IPv6 extension header it knows, so it never reports one of those as an IPv6
     * packet's protocol: for them (only IPv4 can match) the backend agrees without widening.
     */
    private Query alsoUnseenProtocols(Proto proto) {
      // Noted as relaxed even when nothing is added: the backend's 44 and 51 are not Docket's.
      boolean fragments = lacks(QueryFeature.IPV6_LATER_FRAGMENTS);
      boolean authentication = lacks(QueryFeature.IPV6_AUTHENTICATION_HEADER);
      if (WALKED_IPV6_EXTENSIONS.contains(proto.number())) {
        return proto;
      }
      Query widened = proto;
      if (fragments) {
        widened = new Or(widened, FRAGMENT_HEADER);
      }
      if (authentication) {
        widened = new Or(widened, AUTHENTICATION_HEADER);
      }
      return widened;
    }

    /** A port as the backend can say it: a single port, or a short range spelled out; else empty. */
    private Optional<Query> relaxPort(Port port) {
      Direction direction = relaxDirection(port.direction());
      if (port.isSingle() || features.contains(QueryFeature.PORT_RANGE)) {
        return Optional.of(new Port(direction, port.low(), port.high()));
      }
      if (port.high() - port.low() >= MAX_EXPANDED_RANGE) {
        relaxed.add(QueryFeature.PORT_RANGE);
        return Optional.empty();
      }
      // Spelled out exactly: not a relaxation.
      Query ports = new Port(direction, port.low(), port.low());
      for (int p = port.low() + 1; p <= port.high(); p++) {
        ports = new Or(ports, new Port(direction, p, p));
      }
      return Optional.of(ports);
    }
  }
}
