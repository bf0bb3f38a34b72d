package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * {@code bpf "EXPR"}: a tcpdump filter expression, with exactly libpcap's meaning for each packet's
 * link type (its own VLAN and MPLS offset rules included, which differ from Docket's look-through).
 * No source is asked it natively: the planner relaxes it and Docket runs the program libpcap
 * compiles for it. The text is checked when it is compiled ({@code dev.docket.filter}), not here:
 * the query language knows nothing of libpcap.
 *
 * @param expression the expression as tcpdump takes it
 */
public record Bpf(String expression) implements Query {
  /** Longer expressions are refused before libpcap sees them: a filter, not a program listing. */
  public static final int MAX_LENGTH = 8_192;

  public Bpf {
    requireNonNull(expression, "expression");
    checkArgument(!expression.isBlank(), "a bpf expression is empty");
    checkArgument(expression.length() <= MAX_LENGTH, "a bpf expression is longer than %s characters", MAX_LENGTH);
  }
}
