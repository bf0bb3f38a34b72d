package dev.docket.plan;

import dev.docket.filter.PacketFilter;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.Relaxation;
import dev.docket.query.Query;
import dev.docket.query.TimeWindow;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides, for every backend, what it runs and what Docket filters afterwards:
 * the backend's native query is the narrowest superset it can evaluate, and whenever anything was
 * relaxed the residual filter is the whole query, compiled once.
 */
public final class QueryPlanner {
  private QueryPlanner() {}

  public static QueryPlan plan(Query query, Set<QueryFeature> features) {
    Relaxation relaxation = Relaxation.of(query, features);
    PacketFilter residual = relaxation.isExact() ? PacketFilter.ALL : PacketFilter.compile(query);
    return new QueryPlan(Optional.of(query), relaxation.superset(), TimeWindow.split(query).window(), residual, relaxation.relaxed());
  }
}
