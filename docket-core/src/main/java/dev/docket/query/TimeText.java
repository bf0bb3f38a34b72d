package dev.docket.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as Docket reads and writes them: RFC 3339 instants and relative durations ({@code 1h30m}). */
final class TimeText {
  /** Packets older than the epoch do not exist; years past 9999 have no RFC 3339 form. */
  static final Instant EARLIEST = Instant.EPOCH;

  static final Instant LATEST = Instant.ofEpochSecond(253_402_300_799L, 999_999_999); // 9999-12-31T23:59:59.999999999Z

  /** A bound on relative durations so that "now minus it" stays in range and cheap to compute. */
  static final Duration LONGEST_AGO = Duration.ofDays(36_525);

  private static final DateTimeFormatter RFC_3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toFormatter();

  private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)(us|ms|w|d|h|m|s)");

  private TimeText() {}

  /** The canonical text of an instant: RFC 3339 in UTC, with as many fraction digits as it needs. */
  static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /**
   * Parses an RFC 3339 time with a zone.
   *
   * @throws IllegalArgumentException with a one-line reason, showing the corrected form where the
   *     mistake is a missing zone or time of day
   */
  static Instant parseInstant(String text) {
    Instant instant;
    try {
      instant = RFC_3339.parse(text, Instant::from);
    } catch (DateTimeParseException notRfc3339) {
      throw new IllegalArgumentException(explainBadTime(text));
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "time '" + text + "' is out of range; times run from 1970 to 9999");
    }
    return instant;
  }

  private static String explainBadTime(String text) {
    try {
      LocalDateTime.parse(text);
      return "time '" + text + "' has no zone; write " + text + "Z for UTC or add an offset such as "
          + text + "+02:00";
    } catch (DateTimeParseException notLocalDateTime) {
      // fall through
    }
    try {
      LocalDate.parse(text);
      return "time '" + text + "' has no time of day; write " + text + "T00:00:00Z";
    } catch (DateTimeParseException notLocalDate) {
      // fall through
    }
    return "'" + text + "' is not a time; write RFC 3339 such as 2026-11-27T10:00:00Z or a relative "
        + "time such as 5m ago";
  }

  /**
   * Parses a relative duration: one or more {@code <number><unit>} parts, units {@code w d h m s ms
   * us}, numbers with an optional fraction ({@code 90s}, {@code 1h30m}, {@code 1.5h}).
   */
  static Optional<Duration> parseDuration(String text) {
    Matcher part = DURATION_PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int position = 0;
    while (position < text.length()) {
      if (!part.find(position) || part.start() != position) {
        return Optional.empty();
      }
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
      position = part.end();
    }
    if (position == 0) {
      return Optional.empty();
    }
    if (nanos.compareTo(BigDecimal.valueOf(LONGEST_AGO.toSeconds()).movePointRight(9)) > 0) {
      throw new IllegalArgumentException(
          "duration '" + text + "' is longer than " + LONGEST_AGO.toDays() + " days");
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "us" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L;
      case "w" -> 604_800_000_000_000L;
      default -> throw new AssertionError(unit);
    };
  }
}
