package dev.docket.filter;

import dev.docket.packet.PacketView;
import dev.docket.query.Query;

/**
 * A query compiled for the hot path: {@link #matches} decides one packet with no allocation, reading
 * only the header fields the query needs (time bounds never decode the packet at all).
 *
 * <p>Semantics are the query language's: addresses, protocol and IP version are those of the
 * outermost IP header behind any VLAN tags and MPLS labels; ports are looked at only in unfragmented
 * packets and first fragments. A primitive whose field is absent (another link type, a cut-off
 * header) does not match, so its {@code not} does. Instances are immutable and thread-safe; the
 * {@link PacketView} is not.
 */
public abstract class PacketFilter {
  /** Matches every packet: the filter of a query that is only a time window, once that is applied. */
  public static final PacketFilter ALL = new Constant(true);

  static final PacketFilter NONE = new Constant(false);

  /** What decoding a filter needs, cheapest first; compound filters test cheaper operands first. */
  static final int COST_RECORD = 0;
  static final int COST_NETWORK = 1;
  static final int COST_TRANSPORT = 2;

  PacketFilter() {}

  /** Compiles {@code query} into a filter; the work is done once here, not per packet. */
  public static PacketFilter compile(Query query) {
    return FilterCompiler.compile(query);
  }

  /** Whether {@code packet} matches; reads only its captured bytes and never throws on them. */
  public abstract boolean matches(PacketView packet);

  /** The deepest decoding {@link #matches} may need: one of the {@code COST_} constants. */
  abstract int cost();
}
