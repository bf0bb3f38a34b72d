package dev.docket.job;

import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import java.util.Set;

/** A real store's packets from a source that, like a sensor, cannot estimate what a query costs. */
final class UnestimatedSource implements PacketSource {
  private final String name;
  private final PacketSource real;

  UnestimatedSource(String name, PacketSource real) {
    this.name = name;
    this.real = real;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<QueryFeature> features() {
    return real.features();
  }

  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
    return real.open(plan, progress);
  }
}
