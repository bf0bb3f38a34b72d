package dev.docket.synthetic;

import static java.util.Objects.requireNonNull;

import dev.docket.filter.FilteredStream;
import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import java.util.EnumSet;
import java.util.Set;

/**
 * Synthetic traffic as a packet source, so that generating a capture is a run of the front door
 * like any other: {@code docket generate} asks it for everything, a demo may query it. Each open
 * starts the same traffic again from the spec.
 */
public final class SyntheticSource implements PacketSource {
  private final TrafficSpec spec;
  /** Frames longer than this are left out; 0 keeps every frame. */
  private final int maxLength;

  public SyntheticSource(TrafficSpec spec) {
    this(spec, 0);
  }

  private SyntheticSource(TrafficSpec spec, int maxLength) {
    this.spec = requireNonNull(spec, "spec");
    this.maxLength = maxLength;
  }

  /**
   * Only the frames of at most {@code maxLength} bytes of the same traffic (DNS, TCP handshakes and
   * ACKs, ARP, pings): a small-packet mix. The spec's limits count the frames kept.
   */
  public static SyntheticSource smallFrames(TrafficSpec spec, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("a maximum frame length of " + maxLength + " keeps nothing");
    }
    return new SyntheticSource(spec, maxLength);
  }

  @Override
  public String name() {
    return "synthetic traffic";
  }

  /** The traffic is filtered here, so every feature is evaluated exactly. */
  @Override
  public Set<QueryFeature> features() {
    return EnumSet.allOf(QueryFeature.class);
  }

  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) {
    PacketStream traffic = maxLength > 0 ? new SmallFrames(spec, maxLength) : new SyntheticTraffic(spec);
    return plan.nativeQuery().<PacketStream>map(query -> new FilteredStream(traffic, PacketFilter.compile(query))).orElse(traffic);
  }
}
