package dev.docket.query;

import dev.docket.testing.QueryTrees;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of every kind of query tree, for properties over all queries. */
final class QueryArbitraries {
  private QueryArbitraries() {}

  static Arbitrary<IpAddress> addresses() {
    Arbitrary<IpAddress> ipv4 = Arbitraries.integers().map(IpAddress::ipv4);
    Arbitrary<IpAddress> ipv6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpAddress::ipv6);
    // Mostly-zero IPv6 addresses exercise '::' compression and IPv4-mapped forms.
    Arbitrary<Long> sparseHalf =
        Arbitraries.integers().between(0, 0xFFFF).list().ofSize(4)
            .map(hextets -> {
              long half = 0;
              for (int hextet : hextets) {
                half = (half << 16) | (hextet % 3 == 0 ? hextet : 0);
              }
              return half;
            });
    Arbitrary<IpAddress> sparseIpv6 = Combinators.combine(sparseHalf, sparseHalf).as(IpAddress::ipv6);
    Arbitrary<IpAddress> mapped =
        Arbitraries.integers().map(v4 -> IpAddress.ipv6(0, 0xFFFF_0000_0000L | Integer.toUnsignedLong(v4)));
    return Arbitraries.frequencyOf(
        Tuple.of(4, ipv4), Tuple.of(2, ipv6), Tuple.of(2, sparseIpv6), Tuple.of(1, mapped));
  }

  static Arbitrary<Direction> directions() {
    return Arbitraries.of(Direction.class);
  }

  static Arbitrary<Net> nets() {
    return Combinators.combine(directions(), addresses(), Arbitraries.integers().between(0, 128))
        .as((direction, address, length) -> {
          int prefix = length % (address.bitLength() + 1);
          return new Net(direction, address.masked(prefix), prefix);
        });
  }

  static Arbitrary<Port> ports() {
    Arbitrary<Integer> port = Arbitraries.integers().between(0, Port.MAX);
    return Combinators.combine(directions(), port, port, Arbitraries.integers().between(0, 3))
        .as((direction, a, b, shape) -> shape == 0
            ? new Port(direction, Math.min(a, b), Math.max(a, b))
            : new Port(direction, a, a));
  }

  static Arbitrary<TimeBound> timeBounds() {
    Arbitrary<Instant> instants =
        Combinators.combine(
                Arbitraries.longs().between(0, TimeText.LATEST.getEpochSecond()),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999)))
            .as(Instant::ofEpochSecond);
    return Combinators.combine(Arbitraries.of(TimeBound.Side.class), instants).as(TimeBound::new);
  }

  /** Every primitive except time bounds, which BPF cannot say under 'or' or 'not'. */
  static Arbitrary<Query> packetPrimitives() {
    return Arbitraries.oneOf(
        Combinators.combine(directions(), addresses()).as(Host::new),
        nets(),
        ports(),
        Arbitraries.oneOf(
            Arbitraries.of(Proto.TCP, Proto.UDP, Proto.ICMP, Proto.ICMP6, Proto.SCTP),
            Arbitraries.integers().between(0, 255).map(Proto::new)),
        Arbitraries.of(IpVersion.IPV4, IpVersion.IPV6),
        Arbitraries.integers().between(0, Vlan.MAX).map(Vlan::new),
        Arbitraries.integers().between(0, Mpls.MAX).map(Mpls::new));
  }

  static Arbitrary<Query> primitives() {
    return Arbitraries.frequencyOf(Tuple.of(7, packetPrimitives()), Tuple.of(1, timeBounds().map(Query.class::cast)));
  }

  static Arbitrary<Query> queries() {
    return QueryTrees.of(primitives(), 5);
  }

  /** Queries without time bounds: what BPF can print whatever the shape. */
  static Arbitrary<Query> packetQueries() {
    return QueryTrees.of(packetPrimitives(), 5);
  }
}
