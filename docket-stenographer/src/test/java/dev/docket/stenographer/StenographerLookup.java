package dev.docket.stenographer;

import dev.docket.query.And;
import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpAddress;
import dev.docket.query.Mpls;
import dev.docket.query.Net;
import dev.docket.query.Or;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import java.time.Instant;
import java.util.Optional;

/**
 * A model of how Stenographer answers a query from its index (query/parser.y and query/query.go):
 * whether a stored frame, with its {@link IndexEntries}, is in the answer to a native query. Only
 * what Stenographer can be sent is accepted; anything else is an error, as it would be a 400.
 *
 * <p>Time is modelled as exact: a frame whose own timestamp meets a bound is in the answer. The
 * sensor keeps whole files around each bound, which only adds frames, as long as the bound is padded
 * by at least a file's age ({@code PaddedTime}); this model is about what the index finds.
 */
final class StenographerLookup {
  private StenographerLookup() {}

  /**
   * Whether Stenographer returns the frame for {@code nativeQuery}; empty means every stored frame.
   *
   * @throws IllegalArgumentException when Stenographer could not be asked {@code nativeQuery}
   */
  static boolean selects(Optional<Query> nativeQuery, IndexEntries entries, long timestampNanos) {
    return nativeQuery.map(query -> selects(query, entries, timestampNanos)).orElse(true);
  }

  static boolean selects(Query query, IndexEntries entries, long timestampNanos) {
    if (query instanceof And and) {
      return selects(and.left(), entries, timestampNanos) & selects(and.right(), entries, timestampNanos);
    }
    if (query instanceof Or or) {
      return selects(or.left(), entries, timestampNanos) | selects(or.right(), entries, timestampNanos);
    }
    if (query instanceof Host host && host.direction() == Direction.EITHER) {
      return entries.addresses().contains(asParsed(host.address()));
    }
    if (query instanceof Net net && net.direction() == Direction.EITHER) {
      if (isMapped(net.network())) {
        // To4 leaves a 4-byte address with a 128-bit prefix: "bad cidr", HTTP 400.
        throw new IllegalArgumentException("Stenographer refuses an IPv4-mapped network: " + query);
      }
      return entries.addresses().stream().anyMatch(net::contains);
    }
    if (query instanceof Port port && port.direction() == Direction.EITHER && port.isSingle()) {
      return entries.ports().contains(port.low());
    }
    if (query instanceof Proto proto) {
      return entries.protocols().contains(proto.number());
    }
    if (query instanceof Vlan vlan) {
      return entries.vlans().contains(vlan.id());
    }
    if (query instanceof Mpls mpls) {
      return entries.mplsLabels().contains(mpls.label());
    }
    if (query instanceof TimeBound bound) {
      return bound.admits(Instant.ofEpochSecond(0, timestampNanos));
    }
    throw new IllegalArgumentException("Stenographer has no syntax for " + query);
  }

  /** The lexer's {@code net.ParseIP} then {@code To4}: an IPv4-mapped IPv6 address becomes IPv4. */
  private static IpAddress asParsed(IpAddress address) {
    return isMapped(address) ? IpAddress.ipv4((int) address.low()) : address;
  }

  private static boolean isMapped(IpAddress address) {
    return address.version() == 6 && address.high() == 0 && (address.low() >>> 32) == 0xFFFF;
  }
}
