package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimeStampsTest {
  private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

  @Property(tries = 2000)
  void readsBackWhatInstantWrites(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 3) int precision) {
    int truncated = nanos - nanos % (int) Math.pow(1000, precision);
    Instant instant = Instant.ofEpochSecond(seconds, truncated);
    assertThat(seconds).isBetween(YEAR_0, YEAR_10000 - 1);
    assertThat(TimeStamps.parseInstant(instant.toString())).isEqualTo(instant);
  }

  @Property(tries = 2000)
  void agreesWithInstantParseOnAnyTextOfTheShape(@ForAll("instantLike") String text) {
    Instant expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeException refused) {
      assertThatThrownBy(() -> TimeStamps.parseInstant(text)).isInstanceOf(DateTimeException.class);
      return;
    }
    assertThat(TimeStamps.parseInstant(text)).isEqualTo(expected);
  }

  /** Digits where Instant.toString puts digits (so days 31 of short months, hours 24 and so on). */
  @Provide
  Arbitrary<String> instantLike() {
    Arbitrary<String> fraction =
        Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(10).map(f -> f.isEmpty() ? "" : "." + f);
    return Combinators.combine(
            Arbitraries.integers().between(1960, 2110),
            Arbitraries.integers().between(0, 13),
            Arbitraries.integers().between(0, 32),
            Arbitraries.integers().between(0, 24),
            Arbitraries.integers().between(0, 60),
            Arbitraries.integers().between(0, 60),
            fraction)
        .as((y, mo, d, h, mi, s, f) ->
            String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", y, mo, d, h, mi, s, f));
  }

  @Test
  void refusesWhatIsNoInstant() {
    assertThatThrownBy(() -> TimeStamps.parseInstant("2024-02-30T00:00:00Z")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> TimeStamps.parseInstant("2024-06-03 09:00:00Z")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> TimeStamps.parseInstant("-")).isInstanceOf(DateTimeException.class);
  }
}
