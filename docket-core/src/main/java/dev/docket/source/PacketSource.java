package dev.docket.source;

import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import java.util.List;
import java.util.Set;

/**
 * A backend that answers queries with packets: a local capture store, a Stenographer sensor. Plan a
 * query for it with {@link QueryPlanner#plan}(query, {@link #features()}), then {@link #open} the
 * plan; the stream is in time order, holds what the plan's native query selects (every packet the
 * query matches, and possibly more), and ends early, without error, when it is closed. The fan-out
 * ({@link SourceFanOut}) trims it with the plan's residual filter, which makes the answer exact, and
 * counts the matches: a source does neither.
 *
 * <p>Closing the stream is also how a query is cancelled: {@code close()} may be called from another
 * thread (a job's cancel, a client that went away) while the reader waits in {@code next()}, which
 * then returns false; the source stops its work and releases its files or connections. Progress and
 * the units it skipped go to the {@link ScanProgress} given to {@link #open}; the packets matched
 * are counted by the fan-out.
 */
public interface PacketSource {
  /** The name analysts know the source by, used in every message about it. */
  String name();

  /** What the source evaluates itself; the rest is relaxed for it and filtered by Docket. */
  Set<QueryFeature> features();

  /**
   * Starts answering {@code plan}.
   *
   * @throws SourceException when the source cannot answer; the message names the source
   */
  PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException;

  /**
   * Starts answering {@code plan}, sending at most {@code limit}. Sources that can stop early
   * themselves (Stenographer's limit headers) override this; the default cuts the stream here.
   */
  default PacketStream open(QueryPlan plan, ResultLimit limit, ScanProgress progress)
      throws SourceException {
    PacketStream stream = open(plan, progress);
    return limit.equals(ResultLimit.NONE) ? stream : new LimitedStream(stream, limit);
  }

  /**
   * What answering {@code plan} would cost, told before it runs and without reading packets, so
   * that a job can refuse a query that would read the whole store. The default knows nothing.
   *
   * @throws SourceException when the source cannot be asked; the message names the source
   */
  default SourceEstimate estimate(QueryPlan plan) throws SourceException {
    return SourceEstimate.unknown(name());
  }

  /**
   * What an analyst must know about this source's answer to {@code plan} that the packets cannot
   * say (a Stenographer sensor never stores a frame's outermost VLAN tag), one line each, starting
   * with the source's name: to be shown once per answer. The default has nothing to say.
   */
  default List<String> notes(QueryPlan plan) {
    return List.of();
  }

  /**
   * What the source reports about itself, for operators.
   *
   * @throws SourceException when the source cannot be asked; the message names the source
   */
  default SourceStats stats() throws SourceException {
    return SourceStats.NONE;
  }
}
