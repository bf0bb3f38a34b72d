package dev.docket.plan;

import com.google.common.collect.ImmutableList;
import dev.docket.query.And;
import dev.docket.query.Or;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.QuerySyntax;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Prints a query in Stenographer's dialect. Stenographer has no {@code not}, no {@code src}/{@code
 * dst}, no port ranges, no {@code ip}/{@code ip6}, and keeps time by whole files; each of those is
 * relaxed to something that selects a superset, and named in {@link StenographerQuery#relaxed()} so
 * the planner knows a residual filter is needed.
 */
public final class StenographerSyntax {
  /**
   * What Stenographer evaluates itself: host, net, port, ip proto, vlan and mpls, either direction,
   * from its index (stenotype/index.cc), which decodes less than Docket does. What it lacks, and so
   * what the planner relaxes or widens ({@link Relaxation}):
   *
   * <ul>
   *   <li>not, src/dst, port ranges, ip/ip6: no such syntax;
   *   <li>{@link QueryFeature#SCTP_PORTS}: ports are indexed for TCP and UDP only;
   *   <li>{@link QueryFeature#IPV6_AUTHENTICATION_HEADER}: the IPv6 extension chain is walked
   *       through hop-by-hop, routing, destination-options, mobility and first-fragment headers,
   *       not AH, so a packet behind AH is indexed as protocol 51 without ports;
   *   <li>{@link QueryFeature#IPV6_LATER_FRAGMENTS}: an IPv6 fragment after the first is indexed as
   *       protocol 44;
   *   <li>{@link QueryFeature#IPV4_MAPPED_IPV6}: its parser turns {@code ::ffff:a.b.c.d} into the
   *       IPv4 address (Go's {@code To4}), and refuses a mapped network;
   *   <li>exact time: it keeps whole files around each bound;
   *   <li>{@link QueryFeature#EXACT_DECODING}: it also finds frames Docket's filter would not
   *       (0x9200 and 0x9300 tags, IP behind an MPLS pseudowire, no IP version check, AH and later
   *       fragments under 51 and 44), so every answer passes the residual filter.
   * </ul>
   *
   * Frames it never indexes, which only a time-only query returns and Docket therefore cannot
   * promise from a sensor: IP in 802.3 LLC/SNAP frames, TCP headers shorter than 20 bytes and UDP
   * headers shorter than 8 (Docket reads their ports from 4), an MPLS label that ends the frame,
   * and the ports behind an IPv6 first fragment whose reserved byte is not zero (the index takes that
   * byte for a length). None is sent by a working stack.
   * The tests' model of the index ({@code StenographerIndex} in docket-stenographer) is where each
   * of these is shown.
   */
  public static final Set<QueryFeature> FEATURES = Collections.unmodifiableSet(EnumSet.of(QueryFeature.VLAN, QueryFeature.MPLS));

  /** What Stenographer is asked for when nothing narrower can be said: every stored packet. */
  static final String EVERYTHING = "after 1970-01-01T00:00:00Z";

  private StenographerSyntax() {}

  public static StenographerQuery print(Query query) {
    Relaxation relaxation = Relaxation.of(query, FEATURES);
    String text = relaxation.superset().map(StenographerSyntax::text).orElse(EVERYTHING);
    return new StenographerQuery(
        text, relaxation.relaxed().stream().map(StenographerSyntax::why).collect(ImmutableList.toImmutableList()));
  }

  /**
   * Prints a native query the planner already relaxed for {@link #FEATURES} (and a source may have
   * widened further, such as padded time bounds); empty means every stored packet.
   */
  public static String printPlanned(Optional<Query> nativeQuery) {
    return nativeQuery.map(StenographerSyntax::text).orElse(EVERYTHING);
  }

  private static String why(QueryFeature feature) {
    return switch (feature) {
      case NEGATION -> "not (Stenographer has no negation)";
      case DIRECTION -> "src/dst (Stenographer matches either direction)";
      case PORT_RANGE -> "portrange wider than " + Relaxation.MAX_EXPANDED_RANGE + " ports";
      case IP_VERSION -> "ip/ip6 (Stenographer has no such primitive)";
      case SCTP_PORTS -> "SCTP ports (Stenographer indexes TCP and UDP ports only; asked for ip proto 132 too)";
      case IPV6_AUTHENTICATION_HEADER -> "IPv6 AH (Stenographer stops at it; asked for ip proto 51 too)";
      case IPV6_LATER_FRAGMENTS -> "later IPv6 fragments (Stenographer files them as ip proto 44; asked for it too)";
      case IPV4_MAPPED_IPV6 -> "IPv4-mapped IPv6 (Stenographer reads ::ffff:a.b.c.d as IPv4; asked for net ::fffe:0:0/95)";
      case EXACT_DECODING -> "Stenographer's decoding (its index also finds frames Docket's filter would not)";
      case EXACT_TIME -> "time (Stenographer keeps whole files around each bound)";
      case BPF -> "bpf (Docket runs libpcap's program over the answer)";
      case VLAN, MPLS -> throw new AssertionError(feature + " is one of Stenographer's features");
    };
  }

  /** Prints an already relaxed query: only primitives Stenographer knows, and/or, parentheses. */
  private static String text(Query query) {
    if (query instanceof Proto proto) {
      return switch (proto.number()) {
        case 6 -> "tcp";
        case 17 -> "udp";
        case 1 -> "icmp";
        default -> "ip proto " + proto.number();
      };
    }
    if (query instanceof And and) {
      return leftOperand(and.left(), And.class) + " and " + operand(and.right());
    }
    if (query instanceof Or or) {
      return leftOperand(or.left(), Or.class) + " or " + operand(or.right());
    }
    // host, net, port, vlan, mpls, after, before: the canonical Docket text is Stenographer's too.
    return QuerySyntax.print(query);
  }

  /** Stenographer also groups left to right, so a left operand of the same operator needs no parentheses. */
  private static String leftOperand(Query query, Class<? extends Query> operator) {
    return operator.isInstance(query) ? text(query) : operand(query);
  }

  private static String operand(Query query) {
    return query instanceof And || query instanceof Or ? "(" + text(query) + ")" : text(query);
  }
}
