package dev.docket.query;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** {@code left or right}. {@code and} and {@code or} bind equally and group left to right. */
public record Or(Query left, Query right) implements Query {
  public Or {
    requireNonNull(left, "left");
    requireNonNull(right, "right");
  }

  /** The operands of a run of {@code or}s, left to right: {@code a or (b or c)} gives a, b, c. */
  public static List<Query> disjuncts(Query query) {
    List<Query> operands = new ArrayList<>();
    collect(query, operands);
    return operands;
  }

  private static void collect(Query query, List<Query> operands) {
    if (query instanceof Or or) {
      collect(or.left(), operands);
      collect(or.right(), operands);
    } else {
      operands.add(query);
    }
  }
}
