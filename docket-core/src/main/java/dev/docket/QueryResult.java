package dev.docket;

import static java.util.Objects.requireNonNull;

import dev.docket.source.ScanStatus;
import dev.docket.source.SourceException;
import dev.docket.source.SourceOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a run ended: its status, what each source did, the packets written, and one line for each
 * problem met on the way (a source that failed, a file that was damaged or skipped).
 *
 * @param status whether the result is whole, partial, absent or cancelled
 * @param packets the packets written to the sink
 * @param sources each source's outcome, in the order the sources were given
 * @param warnings the files (or other units) skipped or cut short, one line each naming it
 * @param scan the final counts: files and bytes planned and read, packets matched
 * @param elapsed from the start of the run to its end
 */
public record QueryResult(
    Status status, long packets, List<SourceOutcome> sources, List<String> warnings, ScanStatus scan, Duration elapsed) {

  /** How a run ended. */
  public enum Status {
    /** Every source answered in full and nothing was damaged: the result is exact and whole. */
    COMPLETE,
    /**
     * Written, but a source failed or an input was damaged: the result holds every packet the
     * others gave, and {@link #problems()} says what is missing.
     */
    PARTIAL,
    /** Every source failed before giving a packet: nothing was written (a file sink stays absent). */
    FAILED,
    /** Cancelled before the end: a file sink stays absent. */
    CANCELLED
  }

  public QueryResult {
    requireNonNull(status, "status");
    sources = List.copyOf(sources);
    warnings = List.copyOf(warnings);
    requireNonNull(scan, "scan");
    requireNonNull(elapsed, "elapsed");
  }

  /** The sources that failed, each a one-line message naming the source. */
  public List<SourceException> failures() {
    return sources.stream().flatMap(outcome -> outcome.failure().stream()).collect(Collectors.toUnmodifiableList());
  }

  /** Every problem, one line each: the failed sources, then the warnings. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    failures().forEach(failure -> problems.add(failure.getMessage()));
    problems.addAll(warnings);
    return List.copyOf(problems);
  }

  /** Why a {@link Status#FAILED} run failed, in one line; empty for any other status. */
  public Optional<String> failure() {
    if (status != Status.FAILED) {
      return Optional.empty();
    }
    List<SourceException> failures = failures();
    return Optional.of(
        failures.size() == 1
            ? failures.get(0).getMessage()
            : "every source failed: " + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")));
  }
}
