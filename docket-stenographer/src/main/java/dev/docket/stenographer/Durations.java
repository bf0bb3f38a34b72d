package dev.docket.stenographer;

import java.time.Duration;

/** Durations as messages and the configuration write them: {@code 90s}, {@code 2m}, {@code 1h}. */
final class Durations {
  private Durations() {}

  static String text(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
