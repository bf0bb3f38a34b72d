package dev.docket.query;

import static java.util.Objects.requireNonNull;

/** {@code left and right}. {@code and} and {@code or} bind equally and group left to right. */
public record And(Query left, Query right) implements Query {
  public And {
    requireNonNull(left, "left");
    requireNonNull(right, "right");
  }
}
