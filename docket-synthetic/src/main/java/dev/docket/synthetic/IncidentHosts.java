package dev.docket.synthetic;

import dev.docket.query.IpAddress;

/**
 * Who takes part in the {@link Incident}s of a site: fixed by the site's seed, so a demo can print
 * queries that find them.
 *
 * @param scanner the port scanner, 203.0.113.66, outside the site's internal networks
 * @param scanned the scan's target, the busiest host of 10.1.0.0/16
 * @param tunnelClient the host tunnelling through DNS, the quietest of 10.2.0.0/16
 * @param resolver the DNS server it asks, the second busiest of 10.1.0.0/16
 */
public record IncidentHosts(IpAddress scanner, IpAddress scanned, IpAddress tunnelClient, IpAddress resolver) {
  static final IpAddress SCANNER = IpAddress.parse("203.0.113.66");
  private static final int INTERNAL = 0; // 10.1.0.0/16 in Subnet.ALL
  private static final int OFFICE = 1; // 10.2.0.0/16

  static IncidentHosts of(HostPool hosts) {
    return new IncidentHosts(
        SCANNER,
        hosts.inSubnetByActivity(INTERNAL, 0).address(),
        hosts.quietestIn(OFFICE).address(),
        hosts.inSubnetByActivity(INTERNAL, 1).address());
  }
}
