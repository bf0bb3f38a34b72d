package dev.docket.query;

import static java.util.Objects.requireNonNull;

/** {@code not operand}: packets the operand does not match. Binds tighter than and/or. */
public record Not(Query operand) implements Query {
  public Not {
    requireNonNull(operand, "operand");
  }
}
