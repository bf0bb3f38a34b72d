package dev.docket.testing;

import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpAddress;
import dev.docket.query.IpVersion;
import dev.docket.query.Mpls;
import dev.docket.query.Net;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random queries whose values come mostly from {@link FrameArbitraries}' pools, so they match. */
public final class PoolQueries {
  private PoolQueries() {}

  public static Arbitrary<Query> queries() {
    return QueryTrees.of(Arbitraries.frequencyOf(Tuple.of(8, packetPrimitives()), Tuple.of(1, timeBounds())), 4);
  }

  /** Queries tcpdump can judge the same way: no VLAN, MPLS or time. */
  public static Arbitrary<Query> bpfComparableQueries() {
    return QueryTrees.of(Arbitraries.oneOf(hosts(), nets(), ports(), protocols(), versions()), 4);
  }

  /** One primitive: host, net, port, protocol, IP version, VLAN, MPLS or time bound. */
  public static Arbitrary<Query> primitives() {
    return Arbitraries.oneOf(packetPrimitives(), timeBounds());
  }

  private static Arbitrary<Query> packetPrimitives() {
    return Arbitraries.oneOf(
        hosts(), nets(), ports(), protocols(), versions(),
        Arbitraries.oneOf(Arbitraries.of(FrameArbitraries.VLAN_POOL), Arbitraries.integers().between(0, Vlan.MAX))
            .map(Vlan::new),
        Arbitraries.of(FrameArbitraries.MPLS_POOL).map(Mpls::new));
  }

  private static Arbitrary<IpAddress> addresses() {
    return Arbitraries.oneOf(FrameArbitraries.addresses(4), FrameArbitraries.addresses(6));
  }

  private static Arbitrary<Query> hosts() {
    return Combinators.combine(Arbitraries.of(Direction.class), addresses()).as(Host::new);
  }

  private static Arbitrary<Query> nets() {
    return Combinators.combine(Arbitraries.of(Direction.class), addresses(), Arbitraries.integers().between(0, 128))
        .as((direction, address, length) -> {
          int prefix = length % (address.bitLength() + 1);
          return new Net(direction, address.masked(prefix), prefix);
        });
  }

  private static Arbitrary<Query> ports() {
    return Combinators.combine(
            Arbitraries.of(Direction.class), FrameArbitraries.ports(), Arbitraries.integers().between(0, 1000))
        .as((direction, low, width) -> new Port(direction, low, Math.min(Port.MAX, low + (width % 3 == 0 ? width : 0))));
  }

  private static Arbitrary<Query> protocols() {
    return Arbitraries.oneOf(
            Arbitraries.of(FrameArbitraries.PROTOCOL_POOL), Arbitraries.integers().between(0, 255))
        .map(Proto::new);
  }

  private static Arbitrary<Query> versions() {
    return Arbitraries.of(IpVersion.IPV4, IpVersion.IPV6);
  }

  private static Arbitrary<Query> timeBounds() {
    Arbitrary<Instant> instants = Arbitraries.frequencyOf(
        Tuple.of(3, FrameArbitraries.timestamps().map(nanos -> Instant.ofEpochSecond(0, nanos))),
        Tuple.of(1, Arbitraries.of(
            Instant.MIN,
            Instant.MAX,
            Instant.ofEpochSecond(0, Long.MIN_VALUE), // in range, yet seconds * 10^9 overflows
            Instant.ofEpochSecond(0, Long.MIN_VALUE).minusNanos(1),
            Instant.ofEpochSecond(0, Long.MAX_VALUE),
            Instant.ofEpochSecond(0, Long.MAX_VALUE).plusNanos(1))));
    return Combinators.combine(Arbitraries.of(TimeBound.Side.class), instants).as(TimeBound::new);
  }
}
