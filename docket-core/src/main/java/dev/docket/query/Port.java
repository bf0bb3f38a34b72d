package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * {@code port N} or {@code portrange A-B}: a TCP, UDP or SCTP port in {@code [low, high]}, looked at
 * only in unfragmented packets and first fragments (later fragments carry no ports).
 */
public record Port(Direction direction, int low, int high) implements Query {
  public static final int MAX = 65_535;

  public Port {
    requireNonNull(direction, "direction");
    checkArgument(low >= 0 && low <= MAX, "port %s out of range 0-65535", low);
    checkArgument(high >= 0 && high <= MAX, "port %s out of range 0-65535", high);
    checkArgument(low <= high, "port range %s-%s is backwards", low, high);
  }

  /** {@code port N}, either direction. */
  public static Port of(int port) {
    return new Port(Direction.EITHER, port, port);
  }

  /** Whether this is a single port rather than a range. */
  public boolean isSingle() {
    return low == high;
  }
}
