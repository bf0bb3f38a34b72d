package dev.docket.stenographer;

import com.google.common.collect.ImmutableList;
import dev.docket.query.And;
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
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random queries over {@link IndexCornerTraffic}'s values, decided by a seed: hosts, networks,
 * ports and port ranges, protocols, ip/ip6, VLAN ids, MPLS labels, in either direction, under
 * and, or and not, half of them inside a time window whose bounds are stored timestamps.
 */
final class CornerQueries {
  private static final ImmutableList<Net> NETS = ImmutableList.of(
      net("10.0.0.0", 8), net("10.0.0.0", 31), net("192.168.0.0", 16), net("2001:db8::", 32),
      net("2001:db8:1::", 48), net("::ffff:10.0.0.0", 104), net("::", 0));
  private static final ImmutableList<Integer> EXTRA_PROTOCOLS = ImmutableList.of(44, 50, 51);

  private final SplittableRandom random;
  private final List<Long> storedTimes;

  /** {@code storedTimes}: the sensor's timestamps, sorted, for windows that cut through its files. */
  CornerQueries(long seed, List<Long> storedTimes) {
    this.random = new SplittableRandom(seed);
    this.storedTimes = List.copyOf(storedTimes);
  }

  Query next() {
    Query query = tree(3);
    return random.nextBoolean() ? query : new And(query, window());
  }

  private Query tree(int depth) {
    int shape = depth == 0 ? 0 : random.nextInt(6);
    return switch (shape) {
      case 1 -> new And(tree(depth - 1), tree(depth - 1));
      case 2 -> new Or(tree(depth - 1), tree(depth - 1));
      case 3 -> new Not(tree(depth - 1));
      default -> primitive();
    };
  }

  private Query primitive() {
    Direction direction = Direction.values()[random.nextInt(Direction.values().length)];
    return switch (random.nextInt(9)) {
      case 0 -> new Host(direction, pick(random.nextBoolean() ? IndexCornerTraffic.IPV4 : IndexCornerTraffic.IPV6));
      case 1 -> {
        Net net = pick(NETS);
        yield new Net(direction, net.network(), net.prefixLength());
      }
      case 2, 3 -> {
        int port = pick(IndexCornerTraffic.PORTS);
        yield random.nextInt(4) == 0 ? new Port(direction, port - 3, port + 3) : new Port(direction, port, port);
      }
      case 4, 5 -> new Proto(random.nextInt(4) == 0 ? pick(EXTRA_PROTOCOLS) : pick(IndexCornerTraffic.PROTOCOLS));
      case 6 -> random.nextBoolean() ? IpVersion.IPV4 : IpVersion.IPV6;
      case 7 -> new Vlan(pick(IndexCornerTraffic.VLANS));
      default -> new Mpls(pick(IndexCornerTraffic.LABELS));
    };
  }

  /** after, before or both, at stored timestamps: the bounds fall inside the sensor's files. */
  private Query window() {
    long a = storedTimes.get(random.nextInt(storedTimes.size()));
    long b = storedTimes.get(random.nextInt(storedTimes.size()));
    TimeBound after = TimeBound.after(Instant.ofEpochSecond(0, Math.min(a, b)));
    TimeBound before = TimeBound.before(Instant.ofEpochSecond(0, Math.max(a, b)));
    return switch (random.nextInt(3)) {
      case 0 -> after;
      case 1 -> before;
      default -> new And(after, before);
    };
  }

  private <T> T pick(List<T> pool) {
    return pool.get(random.nextInt(pool.size()));
  }

  private static Net net(String network, int prefixLength) {
    return new Net(Direction.EITHER, IpAddress.parse(network), prefixLength);
  }
}
