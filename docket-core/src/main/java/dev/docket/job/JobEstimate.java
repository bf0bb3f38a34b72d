package dev.docket.job;

import static java.util.Objects.requireNonNull;

import dev.docket.source.SourceEstimate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a job is expected to cost, before it runs: each source's own estimate, and the query's time
 * window for the sources that cannot estimate.
 *
 * @param sources each asked source's estimate, in the service's order
 * @param window the length of the query's time window; empty when it is unbounded (no {@code after})
 * @param bytes the bytes the sources that can tell expect to read
 * @param packetsAtMost no more packets than this can match at those sources
 * @param tooLarge why the service would refuse it without {@code acceptLarge}; empty when it would not
 */
public record JobEstimate(
    List<SourceEstimate> sources, Optional<Duration> window, long bytes, long packetsAtMost, Optional<String> tooLarge) {
  public JobEstimate {
    sources = List.copyOf(sources);
    requireNonNull(window, "window");
    requireNonNull(tooLarge, "tooLarge");
  }
}
