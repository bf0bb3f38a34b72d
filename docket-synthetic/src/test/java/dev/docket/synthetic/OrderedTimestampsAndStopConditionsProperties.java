package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Timestamps start at the spec's start and never decrease, their mean gap is the spec's, and the
 * stream stops exactly where the packet limit or the byte budget says.
 */
class OrderedTimestampsAndStopConditionsProperties {
  private static final Instant START = Instant.parse("2025-01-02T03:04:05.123456789Z");

  @Property(tries = 30)
  void timestampsStartAtTheStartAndNeverDecrease(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 1_000_000) int packetsPerSecond) {
    TrafficSpec spec =
        TrafficSpec.ofPackets(seed, 20_000).withStart(START).withPacketsPerSecond(packetsPerSecond);
    try (SyntheticTraffic traffic = new SyntheticTraffic(spec)) {
      long startNanos = START.getEpochSecond() * 1_000_000_000L + START.getNano();
      long previous = startNanos;
      int packets = 0;
      while (traffic.next()) {
        PacketView packet = traffic.packet();
        if (packets == 0) {
          assertThat(packet.timestampNanos()).isEqualTo(startNanos);
        }
        assertThat(packet.timestampNanos())
            .as("packet %s", packets)
            .isGreaterThanOrEqualTo(previous);
        assertThat(packet.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(packet.capturedLength()).isEqualTo(packet.originalLength()).isBetween(60, 1522);
        previous = packet.timestampNanos();
        packets++;
      }
      double meanGap = (previous - startNanos) / (double) (packets - 1);
      // 20,000 exponential gaps: the sample mean is within 1% of the true mean at one sigma.
      assertThat(meanGap)
          .isCloseTo(spec.meanGap().toNanos(), within(spec.meanGap().toNanos() * 0.05));
    }
  }

  @Property(tries = 30)
  void packetLimitIsExact(@ForAll long seed, @ForAll @IntRange(max = 5_000) int limit) {
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(seed, limit))) {
      int packets = 0;
      while (traffic.next()) {
        packets++;
      }
      assertThat(packets).isEqualTo(limit);
      assertThat(traffic.next()).as("next() after the end").isFalse();
    }
  }

  /** The budget stops the stream right before the first packet that would not fit in it. */
  @Property(tries = 30)
  void byteBudgetStopsBeforeTheFirstPacketThatWouldExceedIt(
      @ForAll long seed, @ForAll @LongRange(max = 3_000_000) long budget) {
    long kept = 0;
    int packets = 0;
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofBytes(seed, budget))) {
      while (traffic.next()) {
        kept += traffic.packet().capturedLength();
        packets++;
      }
    }
    assertThat(kept).isLessThanOrEqualTo(budget);
    // The same seed without a budget shows the packet that was left out.
    try (SyntheticTraffic unbounded =
        new SyntheticTraffic(TrafficSpec.ofPackets(seed, packets + 1))) {
      long total = 0;
      for (int i = 0; i <= packets; i++) {
        assertThat(unbounded.next()).isTrue();
        total += unbounded.packet().capturedLength();
      }
      assertThat(total).isGreaterThan(budget);
    }
  }

  @Property(tries = 10)
  void bothLimitsStopAtWhicheverComesFirst(@ForAll long seed) {
    TrafficSpec spec = TrafficSpec.ofPackets(seed, 1_000).withByteBudget(200_000);
    long kept = 0;
    int packets = 0;
    try (SyntheticTraffic traffic = new SyntheticTraffic(spec)) {
      while (traffic.next()) {
        kept += traffic.packet().capturedLength();
        packets++;
      }
    }
    assertThat(kept).isLessThanOrEqualTo(200_000);
    assertThat(packets).isLessThanOrEqualTo(1_000);
    assertThat(packets == 1_000 || kept > 200_000 - 1522).isTrue();
  }

  @Property(tries = 10)
  void closeEndsTheStream(@ForAll long seed) {
    SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(seed, 100));
    assertThat(traffic.next()).isTrue();
    traffic.close();
    assertThat(traffic.next()).isFalse();
  }
}
