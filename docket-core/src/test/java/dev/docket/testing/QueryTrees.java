package dev.docket.testing;

import dev.docket.query.And;
import dev.docket.query.Not;
import dev.docket.query.Or;
import dev.docket.query.Query;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random query trees over given primitives: every generator of queries in the tests grows these. */
public final class QueryTrees {
  private QueryTrees() {}

  /** Trees of {@code and}, {@code or} and {@code not} up to {@code maxDepth} levels over {@code leaves}. */
  public static Arbitrary<Query> of(Arbitrary<Query> leaves, int maxDepth) {
    return Arbitraries.recursive(
        () -> leaves,
        inner -> Arbitraries.oneOf(
            inner,
            Combinators.combine(inner, inner).as(And::new),
            Combinators.combine(inner, inner).as(Or::new),
            inner.map(Not::new)),
        0,
        maxDepth);
  }
}
