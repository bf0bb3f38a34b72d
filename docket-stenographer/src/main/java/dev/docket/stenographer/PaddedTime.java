package dev.docket.stenographer;

import dev.docket.query.And;
import dev.docket.query.Or;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import java.time.Duration;

/**
 * Widens every time bound of a native query by a padding: {@code after} earlier, {@code before}
 * later. A native query for Stenographer has no {@code not} (the planner dropped it), so every bound
 * counts positively and moving it outwards can only add packets, which the residual filter trims.
 */
final class PaddedTime {
  private PaddedTime() {}

  static Query pad(Query query, Duration padding) {
    if (padding.isZero()) {
      return query;
    }
    if (query instanceof TimeBound bound) {
      return bound.side() == TimeBound.Side.AFTER
          ? TimeBound.after(bound.instant().minus(padding))
          : TimeBound.before(bound.instant().plus(padding));
    }
    if (query instanceof And and) {
      return new And(pad(and.left(), padding), pad(and.right(), padding));
    }
    if (query instanceof Or or) {
      return new Or(pad(or.left(), padding), pad(or.right(), padding));
    }
    // Leaves, and a not (which a planned Stenographer query never has): padding inside a not would narrow.
    return query;
  }
}
