package dev.docket.synthetic;

import com.google.common.collect.ImmutableList;
import dev.docket.query.IpAddress;

/**
 * One network of the synthetic site: its prefix, how many hosts live there, the VLAN it is tagged
 * with on trunks, and its router's MAC (a VRRP virtual MAC, 00:00:5e:00:01:xx, as on many real
 * sites).
 */
record Subnet(IpAddress network, int prefixLength, int hostCount, int vlanId, long gatewayMac) {
  /** The site: two large internal IPv4 networks, four small ones, and two IPv6 networks. */
  static final ImmutableList<Subnet> ALL =
      ImmutableList.of(
          subnet("10.1.0.0", 16, 70, 101, 1),
          subnet("10.2.0.0", 16, 60, 102, 2),
          subnet("192.168.1.0", 24, 40, 10, 3),
          subnet("172.16.5.0", 24, 30, 50, 4),
          subnet("198.51.100.0", 24, 25, 200, 5),
          subnet("203.0.113.0", 24, 25, 300, 6),
          subnet("2001:db8:1::", 64, 40, 601, 7),
          subnet("2001:db8:2::", 64, 30, 602, 8));

  private static Subnet subnet(
      String network, int prefixLength, int hostCount, int vlanId, int vrid) {
    return new Subnet(
        IpAddress.parse(network), prefixLength, hostCount, vlanId, 0x0000_5E00_0100L | vrid);
  }

  int version() {
    return network.version();
  }

  /** The address of host number {@code hostNumber} (1 is the router) in this network. */
  IpAddress host(long hostNumber) {
    return network.version() == 4
        ? IpAddress.ipv4((int) (network.low() + hostNumber))
        : IpAddress.ipv6(network.high(), hostNumber);
  }

  /** The largest host number: all-ones is IPv4's broadcast address, so it is left out. */
  long lastHostNumber() {
    return network.version() == 4 ? (1L << (32 - prefixLength)) - 2 : 0xFFFF;
  }
}
