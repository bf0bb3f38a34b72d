package dev.docket.query;

/**
 * A packet query: an immutable tree of primitives joined by {@code and}, {@code or} and {@code not}.
 *
 * <p>Build one with {@link QueryParser}, {@link QueryForm} or the record constructors; print it with
 * {@link QuerySyntax}, {@link StenographerSyntax} or {@link BpfSyntax}. Two queries are equal when
 * their trees are equal, which is also when their canonical texts are equal.
 */
public sealed interface Query
    permits Host, Net, Port, Proto, IpVersion, Vlan, Mpls, Bpf, TimeBound, And, Or, Not {

  /** Both sides of this query, joined with {@code and}. */
  default Query and(Query other) {
    return new And(this, other);
  }

  /** Either side of this query, joined with {@code or}. */
  default Query or(Query other) {
    return new Or(this, other);
  }

  /** Packets this query does not match. */
  default Query not() {
    return new Not(this);
  }
}
