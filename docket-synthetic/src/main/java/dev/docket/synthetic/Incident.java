package dev.docket.synthetic;

/**
 * Something worth finding that {@link SiteTraffic} can mix into a stretch of ordinary traffic, at
 * a fixed offset from the stretch's start, between the hosts {@link IncidentHosts} names.
 */
public enum Incident {
  /**
   * A SYN scan of ports 1-1024 of {@link IncidentHosts#scanned()} from {@link
   * IncidentHosts#scanner()}, 10 s after the start, a frame every 7 ms (about 15 s): RSTs from the
   * closed ports, SYN-ACKs from 22, 80 and 443.
   */
  PORT_SCAN(10, 7),

  /**
   * A DNS tunnel: 250 TXT queries from {@link IncidentHosts#tunnelClient()} to {@link
   * IncidentHosts#resolver()} for long names under {@code t.exfil.example}, and their answers, 30 s
   * after the start, a frame every 40 ms (20 s).
   */
  DNS_TUNNEL(30, 40);

  final long offsetNanos;
  final long frameGapNanos;

  Incident(int offsetSeconds, int frameGapMillis) {
    this.offsetNanos = offsetSeconds * 1_000_000_000L;
    this.frameGapNanos = frameGapMillis * 1_000_000L;
  }
}
