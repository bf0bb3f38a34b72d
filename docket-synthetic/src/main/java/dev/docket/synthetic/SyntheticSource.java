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

  public SyntheticSource(TrafficSpec spec) {
    this.spec = requireNonNull(spec, "spec");
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
    SyntheticTraffic traffic = new SyntheticTraffic(spec);
    return plan.nativeQuery().<PacketStream>map(query -> new FilteredStream(traffic, PacketFilter.compile(query))).orElse(traffic);
  }
}
