package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private static final Instant T1 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-27T11:00:00Z");
  private final QueryParser parser = new QueryParser(Clock.fixed(T2, ZoneOffset.UTC));

  @Test
  void isHalfOpenExactToTheNanosecond() {
    TimeWindow window = new TimeWindow(T1, T2);
    assertThat(window.contains(T1)).isTrue();
    assertThat(window.contains(T1.minusNanos(1))).isFalse();
    assertThat(window.contains(T2.minusNanos(1))).isTrue();
    assertThat(window.contains(T2)).isFalse();
  }

  @Test
  void splitTakesTheNarrowestTopLevelBoundsAndKeepsTheRestInOrder() {
    TimeWindow.Split split =
        TimeWindow.split(parser.parse("after 2026-11-27T09:00:00Z and tcp and after 2026-11-27T10:00:00Z "
            + "and before 2026-11-27T12:00:00Z and port 80 and before 2026-11-27T11:00:00Z"));
    assertThat(split.window()).isEqualTo(new TimeWindow(T1, T2));
    assertThat(split.rest()).contains(new And(Proto.TCP, Port.of(80)));
  }

  @Test
  void leavesBoundsUnderOrInTheRest() {
    TimeWindow.Split split = TimeWindow.split(parser.parse("tcp or after 2026-11-27T10:00:00Z"));
    assertThat(split.window()).isEqualTo(TimeWindow.ALL);
    assertThat(split.rest()).contains(new Or(Proto.TCP, TimeBound.after(T1)));
  }

  @Test
  void aWindowWhoseEndsCrossIsEmpty() {
    assertThat(new TimeWindow(T2, T1).isEmpty()).isTrue();
    assertThat(new TimeWindow(T1, T1).isEmpty()).isTrue();
    assertThat(new TimeWindow(T1, T2).isEmpty()).isFalse();
    assertThat(TimeWindow.ALL.isEmpty()).isFalse();
  }
}
