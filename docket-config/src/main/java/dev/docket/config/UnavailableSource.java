package dev.docket.config;

import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import java.util.Set;

/**
 * A configured source that could not be set up (an unreadable key, say): every query reports why,
 * in its name, while the other sources answer.
 */
record UnavailableSource(SourceException failure) implements PacketSource {
  @Override
  public String name() {
    return failure.source();
  }

  @Override
  public Set<QueryFeature> features() {
    return Set.of(QueryFeature.values());
  }

  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
    throw new SourceException(failure.source(), failure.getMessage().substring(failure.source().length() + 2));
  }
}
