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
import dev.docket.query.Port;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The narrowest query a backend can run that still matches everything a query matches, given the
 * features the backend has. Dropping a term is always safe under {@code and}; under {@code or} it
 * widens the whole disjunction; a {@code not} the backend cannot evaluate is dropped whole, since
 * relaxing inside it would narrow, not widen.
 *
 * @param superset the query to run, or empty for "every packet"
 * @param relaxed what was relaxed, each once, in the order met
 */
public record Relaxation(Optional<Query> superset, List<QueryFeature> relaxed) {
  /** Port ranges up to this many ports are spelled out as {@code port a or port b ...}. */
  public static final int MAX_EXPANDED_RANGE = 16;

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
      if (query instanceof Host host && host.direction() != Direction.EITHER && lacks(QueryFeature.DIRECTION)) {
        return Optional.of(new Host(Direction.EITHER, host.address()));
      }
      if (query instanceof Net net && net.direction() != Direction.EITHER && lacks(QueryFeature.DIRECTION)) {
        return Optional.of(new Net(Direction.EITHER, net.network(), net.prefixLength()));
      }
      if (query instanceof Port port) {
        return relaxPort(port);
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
      if (query instanceof Not && lacks(QueryFeature.NEGATION)) {
        return Optional.empty();
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
        return left.isEmpty() || right.isEmpty() ? Optional.empty() : Optional.of(new Or(left.get(), right.get()));
      }
      return Optional.of(query); // what the backend has, and a not it can evaluate, as it is
    }

    private Optional<Query> relaxPort(Port port) {
      Direction direction = port.direction();
      if (direction != Direction.EITHER && lacks(QueryFeature.DIRECTION)) {
        direction = Direction.EITHER;
      }
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
