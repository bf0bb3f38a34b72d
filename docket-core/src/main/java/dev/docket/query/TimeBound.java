package dev.docket.query;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * {@code after T} (timestamp at or after T) or {@code before T} (timestamp strictly before T): a
 * query's time window is half-open, {@code [after, before)}, exact to the nanosecond.
 */
public record TimeBound(Side side, Instant instant) implements Query {
  /** Which end of the window this bound closes. */
  public enum Side {
    AFTER("after"),
    BEFORE("before");

    private final String keyword;

    Side(String keyword) {
      this.keyword = keyword;
    }

    /** The query-language keyword for this side. */
    public String keyword() {
      return keyword;
    }
  }

  public TimeBound {
    requireNonNull(side, "side");
    requireNonNull(instant, "instant");
  }

  public static TimeBound after(Instant instant) {
    return new TimeBound(Side.AFTER, instant);
  }

  public static TimeBound before(Instant instant) {
    return new TimeBound(Side.BEFORE, instant);
  }

  /** Whether a packet stamped {@code timestamp} lies on the kept side of this bound. */
  public boolean admits(Instant timestamp) {
    return side == Side.AFTER ? !timestamp.isBefore(instant) : timestamp.isBefore(instant);
  }
}
