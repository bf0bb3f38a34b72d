package dev.docket.synthetic;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.docket.query.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The hosts of the synthetic site and how busy each is. Hosts are ranked in a seeded random order
 * and drawn with Zipf-like weights 1/(rank + 3): a few servers take a large share of the traffic
 * while most hosts are quiet, as on real networks.
 *
 * <p>A conversation draws its client from every host and its server from the hosts of the client's
 * IP version. Both draws use the same weights, so a host's expected share of conversations is
 * proportional to its weight whatever its version: the rank order is the activity order.
 */
final class HostPool {
  // Vendor prefixes (VMware, Dell, Intel, Apple, Cisco, HP) make MACs look like real NICs.
  private static final long[] OUIS = {0x005056, 0xF48E38, 0x001B21, 0x3C22FB, 0x00000C, 0x9457A5};

  private final Host[] byRank;
  private final double[] cumulativeWeight;
  private final Host[][] byVersion = new Host[2][];
  private final double[][] cumulativeWeightByVersion = new double[2][];
  private final Host[][] bySubnet;

  private HostPool(Host[] byRank) {
    this.byRank = byRank;
    this.cumulativeWeight = cumulativeWeights(byRank);
    for (int version : new int[] {4, 6}) {
      Host[] hosts =
          Arrays.stream(byRank).filter(host -> host.version() == version).toArray(Host[]::new);
      byVersion[versionIndex(version)] = hosts;
      cumulativeWeightByVersion[versionIndex(version)] = cumulativeWeights(hosts);
    }
    bySubnet = new Host[Subnet.ALL.size()][];
    for (int subnet = 0; subnet < bySubnet.length; subnet++) {
      int index = subnet;
      bySubnet[subnet] =
          Arrays.stream(byRank).filter(host -> host.subnet() == index).toArray(Host[]::new);
    }
  }

  /**
   * Places {@link Subnet#hostCount()} hosts at distinct random addresses in each subnet, and ranks
   * them.
   */
  static HostPool generate(SplittableRandom random) {
    List<Host> hosts = new ArrayList<>();
    for (int index = 0; index < Subnet.ALL.size(); index++) {
      Subnet subnet = Subnet.ALL.get(index);
      Set<Long> taken = new HashSet<>();
      while (taken.size() < subnet.hostCount()) {
        // Number 1 is the router; the set only rejects repeats, so its order never shows.
        long number = random.nextLong(2, subnet.lastHostNumber() + 1);
        if (taken.add(number)) {
          long mac = OUIS[random.nextInt(OUIS.length)] << 24 | random.nextLong(1 << 24);
          int ttl = random.nextInt(4) == 0 ? 128 : 64; // a quarter of the hosts run Windows
          hosts.add(new Host(subnet.host(number), mac, index, ttl));
        }
      }
    }
    Host[] byRank = hosts.toArray(Host[]::new);
    for (int i = byRank.length - 1; i > 0; i--) { // Fisher-Yates: the seed decides who is busy
      int j = random.nextInt(i + 1);
      Host swap = byRank[i];
      byRank[i] = byRank[j];
      byRank[j] = swap;
    }
    return new HostPool(byRank);
  }

  private static double[] cumulativeWeights(Host[] hosts) {
    double[] cumulative = new double[hosts.length];
    double total = 0;
    for (int rank = 0; rank < hosts.length; rank++) {
      total += 1.0 / (rank + 3);
      cumulative[rank] = total;
    }
    return cumulative;
  }

  private static int versionIndex(int version) {
    return version == 4 ? 0 : 1;
  }

  /** Every host's address, the busiest first. */
  ImmutableList<IpAddress> addressesByActivity() {
    return Arrays.stream(byRank).map(Host::address).collect(ImmutableList.toImmutableList());
  }

  /** The host of {@code subnet} (an index into {@link Subnet#ALL}) at {@code rank} by activity, 0 the busiest. */
  Host inSubnetByActivity(int subnet, int rank) {
    return bySubnet[subnet][rank];
  }

  /** The least busy host of {@code subnet}. */
  Host quietestIn(int subnet) {
    return bySubnet[subnet][bySubnet[subnet].length - 1];
  }

  /** A host drawn by weight from all hosts: a conversation's client. */
  Host pickClient(SplittableRandom random) {
    return byRank[draw(random, cumulativeWeight)];
  }

  /** A host other than {@code client}, of its IP version, drawn by weight: the client's server. */
  Host pickServer(SplittableRandom random, Host client) {
    Host[] hosts = byVersion[versionIndex(client.version())];
    double[] cumulative = cumulativeWeightByVersion[versionIndex(client.version())];
    checkArgument(hosts.length > 1, "no server for %s", client);
    while (true) {
      Host server = hosts[draw(random, cumulative)];
      if (server != client) {
        return server;
      }
    }
  }

  /** A host other than {@code host} in its subnet, drawn uniformly: whom it ARPs for. */
  Host pickNeighbour(SplittableRandom random, Host host) {
    Host[] hosts = bySubnet[host.subnet()];
    while (true) {
      Host neighbour = hosts[random.nextInt(hosts.length)];
      if (neighbour != host) {
        return neighbour;
      }
    }
  }

  private static int draw(SplittableRandom random, double[] cumulative) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int found = Arrays.binarySearch(cumulative, target);
    // Not found gives -(insertion point) - 1: the first cumulative weight above the target.
    return Math.min(found >= 0 ? found + 1 : -found - 1, cumulative.length - 1);
  }
}
