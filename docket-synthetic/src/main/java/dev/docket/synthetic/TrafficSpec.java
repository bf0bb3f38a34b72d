package dev.docket.synthetic;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * What to generate: the seed that decides every byte, when the first packet is stamped, the mean
 * gap between packets (gaps are exponential, as for independent arrivals), and when to stop: after
 * {@code packetLimit} packets or before the packet that would take the captured bytes past {@code
 * byteBudget}, whichever comes first. {@link #UNLIMITED} turns one limit off; not both.
 *
 * <pre>{@code
 * TrafficSpec.ofPackets(42, 20_000)
 * TrafficSpec.ofBytes(42, 4L << 30).withPacketsPerSecond(200_000)
 * }</pre>
 */
public record TrafficSpec(
    long seed, Instant start, Duration meanGap, long packetLimit, long byteBudget) {
  /** A limit that never stops the stream. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * Where streams start unless told otherwise: a fixed instant, so that defaults are reproducible.
   * 2024-06-03T09:00:00Z, given as a number: parsing text when the class loads would cost every
   * command's start-up.
   */
  public static final Instant DEFAULT_START = Instant.ofEpochSecond(1_717_405_200L);

  /** 10,000 packets per second, a busy office uplink. */
  public static final Duration DEFAULT_MEAN_GAP = Duration.ofNanos(100_000);

  public TrafficSpec {
    requireNonNull(start, "start");
    requireNonNull(meanGap, "meanGap");
    checkArgument(!meanGap.isNegative(), "negative mean gap %s", meanGap);
    checkArgument(packetLimit >= 0, "negative packet limit %s", packetLimit);
    checkArgument(byteBudget >= 0, "negative byte budget %s", byteBudget);
    checkArgument(
        packetLimit != UNLIMITED || byteBudget != UNLIMITED,
        "a stream needs a packet limit or a byte budget");
  }

  /** {@code packetLimit} packets from the default start at the default rate. */
  public static TrafficSpec ofPackets(long seed, long packetLimit) {
    return new TrafficSpec(seed, DEFAULT_START, DEFAULT_MEAN_GAP, packetLimit, UNLIMITED);
  }

  /** At most {@code byteBudget} captured bytes from the default start at the default rate. */
  public static TrafficSpec ofBytes(long seed, long byteBudget) {
    return new TrafficSpec(seed, DEFAULT_START, DEFAULT_MEAN_GAP, UNLIMITED, byteBudget);
  }

  public TrafficSpec withStart(Instant start) {
    return new TrafficSpec(seed, start, meanGap, packetLimit, byteBudget);
  }

  public TrafficSpec withMeanGap(Duration meanGap) {
    return new TrafficSpec(seed, start, meanGap, packetLimit, byteBudget);
  }

  /** The mean gap for {@code packetsPerSecond}, rounded to whole nanoseconds. */
  public TrafficSpec withPacketsPerSecond(double packetsPerSecond) {
    checkArgument(
        packetsPerSecond > 0 && Double.isFinite(packetsPerSecond), "rate %s", packetsPerSecond);
    return withMeanGap(Duration.ofNanos(Math.round(1e9 / packetsPerSecond)));
  }

  public TrafficSpec withPacketLimit(long packetLimit) {
    return new TrafficSpec(seed, start, meanGap, packetLimit, byteBudget);
  }

  public TrafficSpec withByteBudget(long byteBudget) {
    return new TrafficSpec(seed, start, meanGap, packetLimit, byteBudget);
  }
}
