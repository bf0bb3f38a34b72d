package dev.docket.plan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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
  /**
   * The ports of SCTP packets. A backend without it (Stenographer indexes TCP and UDP ports only)
   * is also asked for {@code ip proto 132} wherever a port is asked.
   */
  SCTP_PORTS("SCTP ports"),
  /**
   * The protocol and ports behind an IPv6 authentication header (AH), which Docket walks past. A
   * backend without it (Stenographer sees such a packet as protocol 51) is also asked for {@code ip
   * proto 51} wherever a protocol or a port is asked.
   */
  IPV6_AUTHENTICATION_HEADER("IPv6 AH"),
  /**
   * The protocol of an IPv6 fragment after the first, which Docket takes from its fragment header. A
   * backend without it (Stenographer sees such a packet as protocol 44) is also asked for {@code ip
   * proto 44} wherever a protocol is asked; ports never match those fragments.
   */
  IPV6_LATER_FRAGMENTS("later IPv6 fragments"),
  /**
   * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) as IPv6. A backend without it (Stenographer
   * reads such an address as the IPv4 one) is asked for {@code net ::fffe:0:0/95}, the narrowest
   * IPv6 network it can say that holds them.
   */
  IPV4_MAPPED_IPV6("IPv4-mapped IPv6"),
  /**
   * Finding packets by Docket's own decoding. A backend without it decodes by rules of its own,
   * which also find packets Docket's filter would not (Stenographer's index walks 0x9200 and 0x9300
   * tags and IP behind an MPLS pseudowire, and checks no IP version nibble), so even a query it
   * says whole is a superset there: its answer always passes the residual filter.
   */
  EXACT_DECODING("Docket's decoding"),
  /** {@code after}/{@code before} to the nanosecond, rather than by whole files or blocks. */
  EXACT_TIME("exact time"),
  /**
   * {@code bpf "EXPR"}: libpcap's program run over each packet. Only sources that filter with
   * Docket's own {@link dev.docket.filter.PacketFilter} (a local store) have it.
   */
  BPF("bpf");

  private final String words;

  /**
   * What a backend has, whatever syntax it lacks, when it finds packets with Docket's own filter
   * ({@code PacketFilter}): it decodes as Docket does, so none of the decoding features is missing.
   */
  public static Set<QueryFeature> decodingLikeDocket() {
    return Collections.unmodifiableSet(
        EnumSet.of(SCTP_PORTS, IPV6_AUTHENTICATION_HEADER, IPV6_LATER_FRAGMENTS, IPV4_MAPPED_IPV6, EXACT_DECODING));
  }

  QueryFeature(String words) {
    this.words = words;
  }

  /** How the feature reads in a message: "not", "src/dst", ... */
  public String words() {
    return words;
  }
}
