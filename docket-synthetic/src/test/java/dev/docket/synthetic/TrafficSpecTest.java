package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A spec refuses what cannot be generated: no stop condition, negative limits or gaps. */
class TrafficSpecTest {
  @Test
  void refusesAStreamWithoutAStopCondition() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrafficSpec.ofPackets(1, TrafficSpec.UNLIMITED))
        .withMessageContaining("packet limit or a byte budget");
  }

  @Test
  void refusesNegativeLimitsAndGaps() {
    assertThatIllegalArgumentException().isThrownBy(() -> TrafficSpec.ofPackets(1, -1));
    assertThatIllegalArgumentException().isThrownBy(() -> TrafficSpec.ofBytes(1, -1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrafficSpec.ofPackets(1, 10).withMeanGap(Duration.ofNanos(-1)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrafficSpec.ofPackets(1, 10).withPacketsPerSecond(0));
  }

  @Test
  void packetsPerSecondIsTheReciprocalOfTheMeanGap() {
    assertThat(TrafficSpec.ofPackets(1, 10).withPacketsPerSecond(250_000).meanGap())
        .isEqualTo(Duration.ofNanos(4_000));
  }
}
