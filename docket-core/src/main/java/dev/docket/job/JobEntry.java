package dev.docket.job;

import dev.docket.OutputFormat;
import dev.docket.QueryRun;
import dev.docket.query.Query;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanCounters;
import dev.docket.source.ScanStatus;
import dev.docket.summary.ResultSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One job inside the service: what it asks, and its changing state. Every field that changes is
 * guarded by the service's lock, except the live counts, which the run's threads update and
 * {@link #snapshot()} reads as they are.
 */
final class JobEntry {
  final String id;
  /** What identical submissions share; not the id, which must not be guessable from the query. */
  final String key;
  final String user;
  /** The query to run, parsed; on a service restarted, parsed again from {@link #queryText}. */
  final Query query;
  final String queryText;
  final List<String> sourceNames;
  /** The sources to ask; empty for a job read back that has ended, which asks none again. */
  final List<PacketSource> sources;
  final OutputFormat format;
  final boolean dedupe;
  final long maxPackets;
  final long maxBytes;
  final Instant submitted;

  JobState state = JobState.QUEUED;
  @Nullable Instant started;
  @Nullable Instant ended;
  @Nullable String reason;
  final List<JobEvent> events = new ArrayList<>();
  /** The result file's size while it can be downloaded; -1 when there is none. */
  long resultBytes = -1;
  /** Each source's part: live counters while running, final snapshots once ended. */
  final Map<String, ScanCounters> counters = new LinkedHashMap<>();
  final Map<String, JobSource> endedSources = new LinkedHashMap<>();
  /** Writes the result and watches it: limits, disk, summary. Set when the job starts. */
  @Nullable JobWriting writing;
  /** A summary read back from the record, for a job that ended before the service started. */
  @Nullable ResultSummary storedSummary;
  JobProgress storedProgress = JobProgress.NONE;
  @Nullable QueryRun run;
  boolean cancelRequested;
  boolean deleted;
  long version;

  JobEntry(
      String id,
      String key,
      String user,
      Query query,
      String queryText,
      List<String> sourceNames,
      List<PacketSource> sources,
      OutputFormat format,
      boolean dedupe,
      long maxPackets,
      long maxBytes,
      Instant submitted) {
    this.id = id;
    this.key = key;
    this.user = user;
    this.query = query;
    this.queryText = queryText;
    this.sourceNames = List.copyOf(sourceNames);
    this.sources = List.copyOf(sources);
    this.format = format;
    this.dedupe = dedupe;
    this.maxPackets = maxPackets;
    this.maxBytes = maxBytes;
    this.submitted = submitted;
    for (String source : sourceNames) {
      counters.put(source, new ScanCounters());
    }
  }

  String user() {
    return user;
  }

  /** Notes an event, as the latest change. */
  void event(Instant at, String kind, String message) {
    events.add(new JobEvent(at, kind, message));
    version++;
  }

  /** Moves to {@code next}, which must be forward. */
  void moveTo(JobState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("job " + id + " cannot go from " + state.wireName() + " to " + next.wireName());
    }
    state = next;
    version++;
  }

  Job snapshot() {
    List<JobSource> parts = new ArrayList<>();
    long planned = 0;
    long read = 0;
    long matched = 0;
    for (Map.Entry<String, ScanCounters> source : counters.entrySet()) {
      JobSource part = endedSources.get(source.getKey());
      if (part == null) {
        ScanStatus status = source.getValue().status();
        JobSource.State live = state == JobState.RUNNING ? JobSource.State.RUNNING : JobSource.State.WAITING;
        part = new JobSource(source.getKey(), live, Optional.empty(), status.bytes(), status.bytesRead(), status.matched());
      }
      parts.add(part);
      planned += part.bytesPlanned();
      read += part.bytesRead();
      matched += part.packetsMatched();
    }
    JobWriting watching = writing;
    JobProgress progress =
        watching == null
            ? storedProgress
            : new JobProgress(planned, read, matched, watching.packetsWritten(), watching.bytesWritten());
    Optional<ResultSummary> summary =
        watching != null ? Optional.of(watching.summary()) : Optional.ofNullable(storedSummary);
    return new Job(
        id,
        user,
        queryText,
        state,
        format,
        dedupe,
        maxPackets,
        maxBytes,
        submitted,
        Optional.ofNullable(started),
        Optional.ofNullable(ended),
        parts,
        progress,
        events,
        Optional.ofNullable(reason),
        resultBytes >= 0 ? OptionalLong.of(resultBytes) : OptionalLong.empty(),
        summary,
        version);
  }
}
