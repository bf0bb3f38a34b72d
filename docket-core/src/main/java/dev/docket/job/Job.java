package dev.docket.job;

import static java.util.Objects.requireNonNull;

import dev.docket.OutputFormat;
import dev.docket.summary.ResultSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job as it stands at one moment: an immutable snapshot, taken again for each look.
 *
 * @param id random and unguessable (128 bits, hex): who knows it may see the job
 * @param user who submitted it
 * @param query the query as it runs, in canonical form (relative times resolved)
 * @param state where it is in its life
 * @param format the result's capture format
 * @param dedupe whether the same packet from two taps is dropped
 * @param maxPackets the most packets its result holds
 * @param maxBytes about the most bytes of packet records its result holds
 * @param submitted when it was submitted
 * @param started when it started running
 * @param ended when it ended
 * @param sources each asked source's part
 * @param progress the counts summed over its sources
 * @param events what happened to it, oldest first
 * @param reason one line that says why it is partial, failed, cancelled or expired; empty when done
 * @param resultBytes the size of its result file, while there is one to download
 * @param summary the result's summary, computed while it was written (live while it runs)
 * @param version grows with every change, so a watcher can wait for the next
 */
public record Job(
    String id,
    String user,
    String query,
    JobState state,
    OutputFormat format,
    boolean dedupe,
    long maxPackets,
    long maxBytes,
    Instant submitted,
    Optional<Instant> started,
    Optional<Instant> ended,
    List<JobSource> sources,
    JobProgress progress,
    List<JobEvent> events,
    Optional<String> reason,
    OptionalLong resultBytes,
    Optional<ResultSummary> summary,
    long version) {
  public Job {
    requireNonNull(id, "id");
    requireNonNull(user, "user");
    requireNonNull(query, "query");
    requireNonNull(state, "state");
    requireNonNull(format, "format");
    requireNonNull(submitted, "submitted");
    requireNonNull(started, "started");
    requireNonNull(ended, "ended");
    sources = List.copyOf(sources);
    requireNonNull(progress, "progress");
    events = List.copyOf(events);
    requireNonNull(reason, "reason");
    requireNonNull(resultBytes, "resultBytes");
    requireNonNull(summary, "summary");
  }

  /** Whether its result can be downloaded now. */
  public boolean hasResult() {
    return state.hasResult() && resultBytes.isPresent();
  }
}
