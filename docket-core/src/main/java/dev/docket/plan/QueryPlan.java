package dev.docket.plan;

import static java.util.Objects.requireNonNull;

import dev.docket.filter.PacketFilter;
import dev.docket.query.Query;
import dev.docket.query.TimeWindow;
import java.util.List;
import java.util.Optional;

/**
 * What one source is asked to do for a query: run {@code nativeQuery} (a superset it can evaluate;
 * empty means every packet in {@code window}), and let {@code residual} trim the answer so that the
 * result is exactly the query's packets.
 *
 * @param query the analyst's query, whole; empty when every packet is asked for (a merge)
 * @param nativeQuery what the source runs itself, a superset of {@code query}; empty: every packet
 * @param window the query's exact time window, for choosing files or padding a backend's bounds
 * @param residual the exact filter for what the source returns ({@link PacketFilter#ALL} if exact)
 * @param relaxed what the source could not evaluate, which {@code residual} does
 */
public record QueryPlan(
    Optional<Query> query,
    Optional<Query> nativeQuery,
    TimeWindow window,
    PacketFilter residual,
    List<QueryFeature> relaxed) {
  /** Every packet of a source, as a merge asks: nothing to run natively, nothing to trim. */
  public static final QueryPlan EVERYTHING =
      new QueryPlan(Optional.empty(), Optional.empty(), TimeWindow.ALL, PacketFilter.ALL, List.of());

  public QueryPlan {
    requireNonNull(query, "query");
    requireNonNull(nativeQuery, "nativeQuery");
    requireNonNull(window, "window");
    requireNonNull(residual, "residual");
    relaxed = List.copyOf(relaxed);
  }

  /** Whether the source's answer needs no residual filter. */
  public boolean isExact() {
    return relaxed.isEmpty();
  }
}
