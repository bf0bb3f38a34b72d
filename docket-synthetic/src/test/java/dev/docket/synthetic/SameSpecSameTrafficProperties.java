package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A spec decides every byte and timestamp: replaying it gives the same stream, another seed does
 * not.
 */
class SameSpecSameTrafficProperties {
  @Property(tries = 25)
  void sameSpecGivesIdenticalFramesAndTimestamps(@ForAll long seed) {
    TrafficSpec spec = TrafficSpec.ofPackets(seed, 3_000);
    try (SyntheticTraffic first = new SyntheticTraffic(spec);
        SyntheticTraffic second = new SyntheticTraffic(spec)) {
      assertThat(second.busiestHosts()).isEqualTo(first.busiestHosts());
      int packets = 0;
      while (first.next()) {
        assertThat(second.next()).as("second stream has packet %s", packets).isTrue();
        assertThat(second.packet().timestampNanos()).isEqualTo(first.packet().timestampNanos());
        assertThat(second.packet().copyBytes())
            .as("packet %s", packets)
            .isEqualTo(first.packet().copyBytes());
        packets++;
      }
      assertThat(second.next()).isFalse();
      assertThat(packets).isEqualTo(3_000);
    }
  }

  @Property(tries = 25)
  void differentSeedsGiveDifferentTraffic(@ForAll long seed) {
    try (SyntheticTraffic first = new SyntheticTraffic(TrafficSpec.ofPackets(seed, 200));
        SyntheticTraffic second = new SyntheticTraffic(TrafficSpec.ofPackets(seed + 1, 200))) {
      assertThat(second.busiestHosts()).isNotEqualTo(first.busiestHosts());
      int differing = 0;
      while (first.next() && second.next()) {
        if (!Arrays.equals(first.packet().copyBytes(), second.packet().copyBytes())) {
          differing++;
        }
      }
      assertThat(differing).isGreaterThan(190);
    }
  }

  @Test
  void byteBudgetStreamsReplayToo() {
    TrafficSpec spec = TrafficSpec.ofBytes(7, 5_000_000).withPacketsPerSecond(250_000);
    assertThat(digest(new SyntheticTraffic(spec))).isEqualTo(digest(new SyntheticTraffic(spec)));
  }

  private static long digest(SyntheticTraffic traffic) {
    long digest = 17;
    while (traffic.next()) {
      digest = digest * 31 + traffic.packet().timestampNanos();
      digest = digest * 31 + Arrays.hashCode(traffic.packet().copyBytes());
    }
    return digest;
  }
}
