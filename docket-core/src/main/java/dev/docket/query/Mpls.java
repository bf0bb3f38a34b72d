package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;

/** {@code mpls N}: one of the packet's MPLS labels is {@code label}. */
public record Mpls(int label) implements Query {
  public static final int MAX = 1_048_575;

  public Mpls {
    checkArgument(label >= 0 && label <= MAX, "MPLS label %s out of range 0-1048575", label);
  }
}
