package dev.docket.plan;

/**
 * Parts of the language a backend may be unable to evaluate itself. Whatever a backend lacks is
 * relaxed to a superset for it ({@link Relaxation}) and evaluated by Docket afterwards.
 */
public enum QueryFeature {
  /** {@code not}. */
  NEGATION("not"),
  /** {@code src} / {@code dst} on host, net and port. */
  DIRECTION("src/dst"),
  /** {@code portrange} beyond what can be spelled out as single ports. */
  PORT_RANGE("port ranges"),
  /** {@code ip} / {@code ip6}. */
  IP_VERSION("ip/ip6"),
  /** {@code vlan N}. */
  VLAN("vlan"),
  /** {@code mpls N}. */
  MPLS("mpls"),
  /** {@code after}/{@code before} to the nanosecond, rather than by whole files or blocks. */
  EXACT_TIME("exact time"),
  /**
   * {@code bpf "EXPR"}: libpcap's program run over each packet. Only sources that filter with
   * Docket's own {@link dev.docket.filter.PacketFilter} (a local store) have it.
   */
  BPF("bpf");

  private final String words;

  QueryFeature(String words) {
    this.words = words;
  }

  /** How the feature reads in a message: "not", "src/dst", ... */
  public String words() {
    return words;
  }
}
