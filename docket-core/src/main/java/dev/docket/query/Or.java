package dev.docket.query;

import static java.util.Objects.requireNonNull;

/** {@code left or right}. {@code and} and {@code or} bind equally and group left to right. */
public record Or(Query left, Query right) implements Query {
  public Or {
    requireNonNull(left, "left");
    requireNonNull(right, "right");
  }
}
