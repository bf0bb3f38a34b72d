package dev.docket.store;

import java.time.Instant;

/** Packet timestamps (nanoseconds since the epoch in a long) to and from instants. */
final class TimeStamps {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private TimeStamps() {}

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  /** The instant's nanoseconds, saturated at the ends of a long's range. */
  static long nanos(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    } catch (ArithmeticException beyondLong) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
