package dev.docket.job;

import static java.util.Objects.requireNonNull;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputException;
import dev.docket.OutputFormat;
import dev.docket.QueryResult;
import dev.docket.QueryRun;
import dev.docket.filter.QueryReader;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.query.QuerySyntax;
import dev.docket.query.TimeWindow;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanStatus;
import dev.docket.source.SourceEstimate;
import dev.docket.source.SourceException;
import dev.docket.source.SourceOutcome;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Runs queries as jobs for many users: submitted, queued fairly, run a few at a time through the
 * front door ({@link Docket}), their records and results kept in a spool directory that survives a
 * restart, each result summarized as it is written, and results expired by age and by quota.
 *
 * <pre>{@code
 * JobService jobs = JobService.open(JobSettings.in(Path.of("/var/spool/docket")), List.of(store, sensor));
 * Job job = jobs.submit(JobRequest.of("alice", "host 10.1.2.3 and after 1h ago")).job();
 * job = jobs.await(job.id(), Duration.ofMinutes(5));
 * jobs.result(job.id()).ifPresent(file -> ...);   // the capture, once done or partial
 * }</pre>
 *
 * <p><b>Duplicates.</b> A submission identical to a job that is queued, running, or has a result
 * (same user, canonical query, sources, limits, format) returns that job. Relative times are read
 * against the clock rounded down to {@link JobSettings#dedupeWindow()}, so "the last hour" asked
 * twice within a minute is one job. A job that failed, was cancelled or expired runs again.
 *
 * <p><b>Threads.</b> {@link JobSettings#runningJobs()} runners and every run's own threads come
 * from {@link JobSettings#threads()}; the service starts none otherwise. Expiry happens whenever
 * a job is submitted or ends, and when {@link #sweep()} is called (a server calls it every minute).
 *
 * <p>Thread-safe. {@link #close()} cancels the running jobs and waits for their runners.
 */
public final class JobService implements AutoCloseable {
  private static final SecureRandom IDS = new SecureRandom();

  private final JobSettings settings;
  private final Map<String, PacketSource> sources;
  private final JobRecords records;
  private final Path results;
  private final ExecutorService runners;
  private final List<String> problems;

  /** Guards everything below and every {@link JobEntry}'s changing fields. */
  private final Object lock = new Object();
  private final Map<String, JobEntry> jobs = new LinkedHashMap<>();
  private final Map<String, JobEntry> byKey = new LinkedHashMap<>();
  private final FairQueue queue = new FairQueue();
  private final SourceSlots slots;
  private int running;
  private boolean closed;
  /** Who follows which job without a thread of its own (see {@link #watch}); guarded by {@code lock}. */
  private final List<JobWatch> watches = new ArrayList<>();

  private JobService(JobSettings settings, List<? extends PacketSource> sources) throws IOException {
    this.settings = settings;
    Map<String, PacketSource> byName = new LinkedHashMap<>();
    for (PacketSource source : sources) {
      if (byName.put(source.name(), source) != null) {
        throw new IllegalArgumentException("two sources are named " + source.name() + "; each needs its own name");
      }
    }
    if (byName.isEmpty()) {
      throw new IllegalArgumentException("a job service needs at least one source");
    }
    this.sources = byName;
    Path jobsDirectory = settings.spool().resolve("jobs");
    this.results = settings.spool().resolve("results");
    Files.createDirectories(jobsDirectory);
    Files.createDirectories(results);
    this.records = new JobRecords(jobsDirectory);
    this.slots = new SourceSlots(settings.queriesPerSource());
    this.runners =
        new ThreadPoolExecutor(
            settings.runningJobs(), settings.runningJobs(), 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), settings.threads());
    ((ThreadPoolExecutor) runners).allowCoreThreadTimeOut(true);
    this.problems = recover();
  }

  /**
   * Opens the service over its spool: every job recorded there is listed again. A job that was
   * running when the service stopped (or crashed) is marked failed, "interrupted by restart", and
   * its unfinished result removed; queued jobs are queued again; a record that cannot be read is
   * skipped and reported in {@link #problems()}.
   *
   * @param sources the sources jobs may ask, each with its own name
   * @throws IOException when the spool cannot be created or read
   */
  public static JobService open(JobSettings settings, List<? extends PacketSource> sources) throws IOException {
    JobService service = new JobService(settings, sources);
    service.dispatch();
    service.sweep();
    return service;
  }

  /** The settings the service runs with. */
  public JobSettings settings() {
    return settings;
  }

  /** The names of the sources jobs may ask, in the order given. */
  public List<String> sourceNames() {
    return List.copyOf(sources.keySet());
  }

  /**
   * What opening the spool found wrong, one line each naming the file and what to do: records that
   * could not be read and were skipped. They stay on disk for a person to look at.
   */
  public List<String> problems() {
    return problems;
  }

  // ---- submitting ----

  /**
   * Submits a job, or finds the identical one already submitted.
   *
   * @throws dev.docket.query.InvalidQueryException when the query is neither Docket's language nor
   *     a tcpdump filter, or libpcap refuses a {@code bpf} part; its message (and, for a parse
   *     error, its column) says where
   * @throws JobRefusedException when the service will not take it: an unknown source, a limit above
   *     the service's, an estimate above its limit without {@code acceptLarge}, or a spool too full
   * @throws IllegalStateException when the service is closed
   */
  public Submission submit(JobRequest request) throws JobRefusedException {
    Instant now = settings.clock().instant();
    Query query = parse(request.query(), now);
    List<PacketSource> asked = sourcesOf(request);
    long maxPackets = limit(request.maxPackets().orElse(settings.maxPackets()), settings.maxPackets(), "packet", " packets");
    long maxBytes = limit(request.maxBytes().orElse(settings.maxBytes()), settings.maxBytes(), "byte", " bytes");
    String queryText = QuerySyntax.print(query);
    List<String> names = asked.stream().map(PacketSource::name).toList();
    String key = String.join("\n", request.user(), queryText, String.join(",", names), request.format().name(),
        Boolean.toString(request.dedupe()), Long.toString(maxPackets), Long.toString(maxBytes));
    synchronized (lock) {
      checkOpen();
      JobEntry existing = byKey.get(key);
      if (existing != null && !existing.deleted && isReusable(existing.state)) {
        return new Submission(existing.snapshot(), true);
      }
    }
    // Outside the lock: the estimate reads the stores' catalogs, and the disk's space is a syscall.
    Optional<String> noSpace = spaceForNewJob();
    if (noSpace.isPresent()) {
      throw new JobRefusedException(JobRefusedException.Reason.NO_SPACE, noSpace.get());
    }
    if (!request.acceptLarge()) {
      Optional<String> tooLarge = estimate(query, asked, now).tooLarge();
      if (tooLarge.isPresent()) {
        throw new JobRefusedException(JobRefusedException.Reason.TOO_LARGE, tooLarge.get());
      }
    }
    synchronized (lock) {
      checkOpen();
      JobEntry existing = byKey.get(key);
      if (existing != null && !existing.deleted && isReusable(existing.state)) {
        return new Submission(existing.snapshot(), true);
      }
      JobEntry entry =
          new JobEntry(newId(), key, request.user(), query, queryText, names, asked, request.format(), request.dedupe(), maxPackets, maxBytes, now);
      entry.event(now, "queued", "queued by " + request.user() + ": " + queryText);
      jobs.put(entry.id, entry);
      byKey.put(key, entry);
      queue.add(entry);
      save(entry);
      Submission submission = new Submission(entry.snapshot(), false);
      dispatchLocked();
      return submission;
    }
  }

  /**
   * What {@code request} is expected to cost, and whether the service would refuse it as too large.
   *
   * @throws dev.docket.query.InvalidQueryException when the query is not Docket's language
   * @throws JobRefusedException when it names an unknown source
   */
  public JobEstimate estimate(JobRequest request) throws JobRefusedException {
    Instant now = settings.clock().instant();
    return estimate(parse(request.query(), now), sourcesOf(request), now);
  }

  private JobEstimate estimate(Query query, List<PacketSource> asked, Instant now) throws JobRefusedException {
    TimeWindow window = TimeWindow.split(query).window();
    Optional<Duration> length =
        window.after() == null
            ? Optional.empty()
            : Optional.of(Duration.between(window.after(), window.before() == null ? now : window.before()));
    List<SourceEstimate> estimates = new ArrayList<>();
    long bytes = 0;
    long packets = 0;
    boolean unknown = false;
    for (PacketSource source : asked) {
      SourceEstimate estimate;
      try {
        estimate = source.estimate(QueryPlanner.plan(query, source.features()));
      } catch (SourceException cannotTell) {
        estimate = SourceEstimate.unknown(source.name());
      }
      estimates.add(estimate);
      unknown |= !estimate.isKnown();
      bytes += estimate.bytes().orElse(0);
      packets += estimate.packetsAtMost().orElse(0);
    }
    Optional<String> tooLarge = Optional.empty();
    if (bytes > settings.maxEstimatedBytes()) {
      tooLarge = Optional.of("the query would read " + Sizes.of(bytes) + ", more than the " + Sizes.of(settings.maxEstimatedBytes())
          + " a job may without accepting a large query; narrow its time window or filter, or accept it (accept-large)");
    } else if (unknown && (length.isEmpty() || length.get().compareTo(settings.maxUnestimatedWindow()) > 0)) {
      String asks = length.isEmpty() ? "asks all of time" : "asks " + humanDuration(length.get());
      tooLarge = Optional.of("the query " + asks + " of a source that cannot estimate its cost (more than "
          + humanDuration(settings.maxUnestimatedWindow()) + "); give it a shorter window (after/before), or accept it (accept-large)");
    }
    return new JobEstimate(estimates, length, bytes, packets, tooLarge);
  }

  /** Parses the query against the clock rounded down to the dedupe window. */
  private Query parse(String text, Instant now) {
    long window = settings.dedupeWindow().toMillis();
    Instant rounded = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), window) * window);
    // Docket's language, or a whole tcpdump filter; every bpf part compiled now, so libpcap's refusal
    // is the submitter's error, not the job's failure.
    return new QueryReader(Clock.fixed(rounded, ZoneOffset.UTC)).read(text);
  }

  private List<PacketSource> sourcesOf(JobRequest request) throws JobRefusedException {
    if (request.sources().isEmpty()) {
      return List.copyOf(sources.values());
    }
    List<PacketSource> asked = new ArrayList<>();
    for (String name : request.sources().stream().distinct().toList()) {
      PacketSource source = sources.get(name);
      if (source == null) {
        throw new JobRefusedException(
            JobRefusedException.Reason.BAD_REQUEST, "no source is named " + name + "; the sources are " + String.join(", ", sources.keySet()));
      }
      asked.add(source);
    }
    // The service's order, so that the same sources in another order are the same job.
    asked.sort(Comparator.comparingInt(source -> List.copyOf(sources.keySet()).indexOf(source.name())));
    return asked;
  }

  private static long limit(long asked, long most, String what, String unit) throws JobRefusedException {
    if (asked > most) {
      throw new JobRefusedException(
          JobRefusedException.Reason.BAD_REQUEST,
          "the " + what + " limit " + asked + unit + " is above the service's " + most + unit + "; ask for " + most + " or less");
    }
    return asked;
  }

  private static boolean isReusable(JobState state) {
    return state == JobState.QUEUED || state == JobState.RUNNING || state.hasResult();
  }

  private static String newId() {
    byte[] id = new byte[16];
    IDS.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  // ---- looking ----

  /** The job with {@code id}, as it stands. */
  public Optional<Job> job(String id) {
    synchronized (lock) {
      JobEntry entry = jobs.get(id);
      return entry == null || entry.deleted ? Optional.empty() : Optional.of(entry.snapshot());
    }
  }

  /** Every job, newest first. */
  public List<Job> jobs() {
    synchronized (lock) {
      List<Job> all = new ArrayList<>();
      for (JobEntry entry : jobs.values()) {
        if (!entry.deleted) {
          all.add(entry.snapshot());
        }
      }
      all.sort(Comparator.comparing(Job::submitted).reversed().thenComparing(Job::id));
      return all;
    }
  }

  /**
   * The result file of job {@code id}, while it can be downloaded (done or partial, not expired).
   * It is complete: a result is renamed into place only when written whole.
   */
  public Optional<Path> result(String id) {
    synchronized (lock) {
      JobEntry entry = jobs.get(id);
      if (entry == null || entry.deleted || !entry.state.hasResult() || entry.resultBytes < 0) {
        return Optional.empty();
      }
      return Optional.of(resultFile(entry));
    }
  }

  /**
   * Waits until job {@code id} has changed since {@code version} (see {@link Job#version()}), or
   * until {@code timeout}: how a watcher follows a job without polling.
   *
   * @return the job as it then stands; empty when there is no such job
   */
  public Optional<Job> awaitChange(String id, long version, Duration timeout) throws InterruptedException {
    return awaitUntil(id, entry -> entry.version > version, timeout);
  }

  /**
   * Follows job {@code id} without holding a thread: {@code listener} is told the job as it stands
   * at once, then again after each change (several changes close together may be told as one),
   * on {@code executor}. The last call holds the ended job, or is empty when the job is deleted or
   * never was; the watch then closes itself. How a server follows many jobs for many clients with
   * a few threads, where {@link #awaitChange} holds one per waiter.
   *
   * <pre>{@code
   * try (JobWatch watch = jobs.watch(id, executor, job -> job.ifPresent(j -> send(j.state())))) {
   *   ...
   * }
   * }</pre>
   *
   * @param listener called on {@code executor}, never twice at once for one watch; it may call the
   *     service
   */
  public JobWatch watch(String id, Executor executor, Consumer<Optional<Job>> listener) {
    JobWatch watch = new JobWatch(this, id, executor, listener);
    synchronized (lock) {
      watches.add(watch);
      watch.signal();
    }
    return watch;
  }

  void unwatch(JobWatch watch) {
    synchronized (lock) {
      watches.remove(watch);
    }
  }

  /** The jobs changed: wakes the waiters and tells the watchers (who look for themselves whether their job did). */
  private void changed() {
    lock.notifyAll();
    for (JobWatch watch : List.copyOf(watches)) {
      watch.signal();
    }
  }

  /**
   * Waits until job {@code id} has ended, or until {@code timeout}.
   *
   * @return the job as it then stands; empty when there is no such job
   */
  public Optional<Job> await(String id, Duration timeout) throws InterruptedException {
    return awaitUntil(id, entry -> entry.state.hasEnded(), timeout);
  }

  private Optional<Job> awaitUntil(String id, Predicate<JobEntry> done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        JobEntry entry = jobs.get(id);
        if (entry == null || entry.deleted) {
          return Optional.empty();
        }
        long left = deadline - System.nanoTime();
        if (done.test(entry) || left <= 0) {
          return Optional.of(entry.snapshot());
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  // ---- cancelling and deleting ----

  /**
   * Cancels job {@code id}: a queued job leaves the queue, a running one stops within a second (its
   * sources closed, its threads released, its unfinished result removed). A job that has ended is
   * left as it is.
   *
   * @return the job as it then stands; empty when there is no such job
   */
  public Optional<Job> cancel(String id) {
    QueryRun stopping = null;
    synchronized (lock) {
      JobEntry entry = jobs.get(id);
      if (entry == null || entry.deleted) {
        return Optional.empty();
      }
      if (entry.state == JobState.QUEUED) {
        queue.remove(entry);
        Instant now = settings.clock().instant();
        entry.moveTo(JobState.CANCELLED);
        entry.ended = now;
        entry.reason = "cancelled before it started";
        entry.event(now, "cancelled", "cancelled before it started");
        save(entry);
        changed();
      } else if (entry.state == JobState.RUNNING && !entry.cancelRequested) {
        entry.cancelRequested = true;
        entry.event(settings.clock().instant(), "cancelling", "cancel asked");
        stopping = entry.run;
        changed();
      }
      if (stopping == null) {
        return Optional.of(entry.snapshot());
      }
    }
    stopping.cancel();
    return job(id);
  }

  /**
   * Deletes job {@code id}: cancels it if it is still queued or running, then removes its record
   * and result. Returns once they are gone (a running job's run has stopped), or after ten seconds.
   *
   * @return false when there is no such job
   */
  public boolean delete(String id) throws InterruptedException {
    QueryRun stopping;
    JobEntry entry;
    synchronized (lock) {
      entry = jobs.get(id);
      if (entry == null || entry.deleted) {
        return false;
      }
      entry.deleted = true;
      queue.remove(entry);
      stopping = entry.state == JobState.RUNNING ? entry.run : null;
      if (entry.state != JobState.RUNNING) {
        forget(entry);
      }
      changed();
    }
    if (stopping != null) {
      stopping.cancel();
    }
    // A running job is forgotten by its runner once the run has stopped: wait for that, so that
    // its files are gone when this returns.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (lock) {
      while (jobs.get(id) == entry && System.nanoTime() < deadline) {
        TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, deadline - System.nanoTime()));
      }
    }
    return true;
  }

  /** Removes a deleted job's record and result; under the lock, once it is not running. */
  private void forget(JobEntry entry) {
    jobs.remove(entry.id);
    if (byKey.get(entry.key) == entry) {
      byKey.remove(entry.key);
    }
    try {
      records.delete(entry.id);
      Files.deleteIfExists(resultFile(entry));
    } catch (IOException failed) {
      // The job is gone from the service; what is left on disk is removed at the next start.
    }
  }

  // ---- running ----

  private void dispatch() {
    synchronized (lock) {
      dispatchLocked();
    }
  }

  /** Starts queued jobs while a runner is free, taking users in turn and skipping busy sources. */
  private void dispatchLocked() {
    while (!closed && running < settings.runningJobs()) {
      JobEntry next = queue.poll(job -> slots.canTake(job.sourceNames));
      if (next == null) {
        return;
      }
      Instant now = settings.clock().instant();
      if (next.sources.size() != next.sourceNames.size()) {
        // Queued before a restart that removed one of its sources.
        List<String> gone = new ArrayList<>(next.sourceNames);
        next.sources.forEach(source -> gone.remove(source.name()));
        end(next, JobState.FAILED, now, "its source " + String.join(", ", gone) + " is no longer configured");
        continue;
      }
      slots.take(next.sourceNames);
      running++;
      next.moveTo(JobState.RUNNING);
      next.started = now;
      next.event(now, "started", "started on " + String.join(", ", next.sourceNames));
      next.writing = new JobWriting(
          next.counters, next.format, next.maxPackets, next.maxBytes, settings.minFreeBytes(), written -> spaceFor(next, written));
      save(next);
      changed();
      runners.execute(() -> run(next));
    }
  }

  /** Runs one job on a runner thread, from start to its recorded end. */
  private void run(JobEntry entry) {
    JobWriting writing = requireNonNull(entry.writing);
    Path result = resultFile(entry);
    QueryResult outcome = null;
    String failure = null;
    try {
      Docket docket =
          Docket.builder().sources(entry.sources).threads(settings.threads()).dedupe(entry.dedupe).format(entry.format).build();
      QueryRun run = docket.prepare(entry.query, CaptureSink.toFile(result), writing);
      writing.watch(run);
      boolean cancelNow;
      synchronized (lock) {
        entry.run = run;
        cancelNow = entry.cancelRequested || entry.deleted || closed;
      }
      if (cancelNow) {
        run.cancel();
      }
      outcome = run.call();
    } catch (OutputException unwritable) {
      failure = unwritable.getMessage();
    } catch (RuntimeException | Error unexpected) {
      // Whatever went wrong, the job ends, says so, and gives its runner and slots back.
      failure = "the job stopped on an unexpected error: " + unexpected;
    }
    writing.publish();
    synchronized (lock) {
      try {
        finishRun(entry, outcome, failure, result);
      } finally {
        entry.run = null;
        slots.release(entry.sourceNames);
        running--;
        if (entry.deleted) {
          forget(entry);
        }
        // Within the lock, so a watcher that sees the job end sees the spool swept too.
        sweep();
        dispatchLocked();
        changed();
      }
    }
  }

  /** Records how a run ended; under the lock. */
  private void finishRun(JobEntry entry, @Nullable QueryResult outcome, @Nullable String failure, Path result) {
    Instant now = settings.clock().instant();
    JobWriting writing = requireNonNull(entry.writing);
    if (outcome != null) {
      for (SourceOutcome source : outcome.sources()) {
        ScanStatus counts = entry.counters.get(source.source()).status();
        JobSource.State state =
            source.failure().isPresent()
                ? JobSource.State.FAILED
                : outcome.status() == QueryResult.Status.CANCELLED ? JobSource.State.CANCELLED : JobSource.State.DONE;
        Optional<String> error = source.failure().map(Throwable::getMessage);
        entry.endedSources.put(
            source.source(), new JobSource(source.source(), state, error, counts.bytes(), counts.bytesRead(), counts.matched()));
        entry.event(now, "source", source.source() + ": "
            + error.map(message -> "failed: " + message).orElse(state.name().toLowerCase(Locale.ROOT) + ", " + source.packets() + " packets"));
      }
    }
    entry.storedSummary = writing.summary();
    entry.storedProgress = entry.snapshot().progress();
    entry.writing = null;
    if (outcome == null) {
      end(entry, JobState.FAILED, now, failure);
      return;
    }
    switch (outcome.status()) {
      case COMPLETE -> {
        entry.resultBytes = sizeOf(result);
        entry.event(now, "written", "written: " + outcome.packets() + " packets, " + Sizes.of(Math.max(0, entry.resultBytes)));
        end(entry, JobState.DONE, now, null);
      }
      case PARTIAL -> {
        entry.resultBytes = sizeOf(result);
        entry.event(now, "written", "written: " + outcome.packets() + " packets, " + Sizes.of(Math.max(0, entry.resultBytes)));
        end(entry, JobState.PARTIAL, now, String.join("; ", outcome.problems()));
      }
      case FAILED -> end(entry, JobState.FAILED, now, outcome.failure().orElse("every source failed"));
      case CANCELLED -> {
        if (closed && !entry.cancelRequested && !entry.deleted) {
          // Stopped by the service's own close, not by a user: it did not end, it was interrupted.
          end(entry, JobState.FAILED, now, "interrupted: the service stopped while it ran; submit it again");
        } else {
          end(entry, JobState.CANCELLED, now, "cancelled");
        }
      }
    }
  }

  /** Moves a job to its end, noted and recorded; under the lock. */
  private void end(JobEntry entry, JobState state, Instant now, @Nullable String reason) {
    entry.moveTo(state);
    entry.ended = now;
    entry.reason = reason;
    entry.event(now, "ended", state.wireName() + (reason == null ? "" : ": " + reason));
    save(entry);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException gone) {
      return -1;
    }
  }

  Path resultFile(JobEntry entry) {
    return results.resolve(entry.id + (entry.format == OutputFormat.PCAPNG ? ".pcapng" : ".pcap"));
  }

  /** Writes a job's record; a failure is kept as a problem line, and the job goes on in memory. */
  private void save(JobEntry entry) {
    if (entry.deleted) {
      return;
    }
    try {
      records.write(entry);
    } catch (IOException failed) {
      entry.event(settings.clock().instant(), "warning", "its record could not be written: " + failed.getMessage());
    }
  }

  // ---- space ----

  /** Why no new job may start for lack of space, or empty. */
  private Optional<String> spaceForNewJob() {
    long free = freeBytes();
    if (free < settings.minFreeBytes()) {
      return Optional.of("the spool " + settings.spool() + " has " + Sizes.of(free) + " free, below its floor of "
          + Sizes.of(settings.minFreeBytes()) + "; delete old jobs or free space on its disk");
    }
    return Optional.empty();
  }

  /**
   * Whether a running job may go on writing, having written {@code written} bytes: room is made
   * first by evicting the oldest results; the job stops (partial) only when that is not enough.
   */
  private Optional<String> spaceFor(JobEntry writing, long written) {
    synchronized (lock) {
      while (true) {
        long free = freeBytes();
        long total = storedResultBytes() + written;
        boolean overQuota = total > settings.quotaBytes();
        boolean lowDisk = free < settings.minFreeBytes();
        if (!overQuota && !lowDisk) {
          return Optional.empty();
        }
        JobEntry oldest = oldestResult(writing);
        if (oldest == null) {
          return Optional.of(overQuota
              ? "stopped: the spool's quota of " + Sizes.of(settings.quotaBytes()) + " is full"
              : "stopped: the spool's disk is down to " + Sizes.of(free) + " free, below its floor of " + Sizes.of(settings.minFreeBytes()));
        }
        evict(oldest, evictionReason(overQuota));
      }
    }
  }

  /** What an evicted result's record says: for the quota, or for the disk's floor. */
  private String evictionReason(boolean overQuota) {
    return overQuota
        ? "evicted to keep the spool within its quota of " + Sizes.of(settings.quotaBytes())
        : "evicted to keep " + Sizes.of(settings.minFreeBytes()) + " free on the spool's disk";
  }

  private long freeBytes() {
    try {
      FileStore store = Files.getFileStore(results);
      return store.getUsableSpace();
    } catch (IOException cannotTell) {
      return Long.MAX_VALUE; // a spool whose disk cannot be asked: the writes themselves will say
    }
  }

  private long storedResultBytes() {
    long total = 0;
    for (JobEntry entry : jobs.values()) {
      if (entry.state.hasResult() && entry.resultBytes > 0) {
        total += entry.resultBytes;
      }
    }
    return total;
  }

  private int storedResults() {
    int results = 0;
    for (JobEntry entry : jobs.values()) {
      if (entry.state.hasResult() && entry.resultBytes >= 0 && !entry.deleted) {
        results++;
      }
    }
    return results;
  }

  private @Nullable JobEntry oldestResult(@Nullable JobEntry except) {
    JobEntry oldest = null;
    for (JobEntry entry : jobs.values()) {
      if (entry != except && entry.state.hasResult() && entry.resultBytes >= 0 && !entry.deleted
          && (oldest == null || requireNonNull(entry.ended).isBefore(requireNonNull(oldest.ended)))) {
        oldest = entry;
      }
    }
    return oldest;
  }

  /** Removes a result, keeping the record, which says why; under the lock. */
  private void evict(JobEntry entry, String why) {
    Instant now = settings.clock().instant();
    try {
      Files.deleteIfExists(resultFile(entry));
    } catch (IOException cannotDelete) {
      entry.event(now, "warning", "its result could not be removed: " + cannotDelete.getMessage());
    }
    entry.resultBytes = -1;
    entry.moveTo(JobState.EXPIRED);
    entry.reason = why;
    entry.event(now, "expired", why);
    save(entry);
    changed();
  }

  /**
   * Expires results older than {@link JobSettings#expiry()}, then evicts the oldest while the
   * results are over the quota or the disk below its floor. Runs when a job is submitted or ends;
   * a server also calls it on a timer.
   */
  public void sweep() {
    synchronized (lock) {
      Instant now = settings.clock().instant();
      for (JobEntry entry : List.copyOf(jobs.values())) {
        if (entry.state.hasResult() && entry.ended != null && !entry.deleted
            && !entry.ended.plus(settings.expiry()).isAfter(now)) {
          evict(entry, "expired: results are kept for " + humanDuration(settings.expiry()));
        }
      }
      // The newest result stays: a job that stopped to keep the floor (or the quota) did so to keep it.
      while (storedResults() > 1) {
        boolean overQuota = storedResultBytes() > settings.quotaBytes();
        if (!overQuota && freeBytes() >= settings.minFreeBytes()) {
          break;
        }
        evict(requireNonNull(oldestResult(null)), evictionReason(overQuota));
      }
    }
  }

  // ---- restart ----

  /** Reads the spool back; returns the problems found. Called once, from the constructor. */
  private List<String> recover() throws IOException {
    List<String> found = new ArrayList<>();
    List<JobEntry> read = new ArrayList<>();
    for (Path file : records.files()) {
      try {
        read.add(records.read(file, sources));
      } catch (IOException | RuntimeException unreadable) {
        found.add(file + ": skipped, " + unreadable.getMessage() + "; move it away or delete it");
      }
    }
    read.sort(Comparator.comparing((JobEntry entry) -> entry.submitted).thenComparing(entry -> entry.id));
    Instant now = settings.clock().instant();
    synchronized (lock) {
      for (JobEntry entry : read) {
        jobs.put(entry.id, entry);
        if (entry.state == JobState.RUNNING) {
          for (String source : entry.sourceNames) {
            entry.endedSources.put(source, new JobSource(source, JobSource.State.CANCELLED, Optional.empty(), 0, 0, 0));
          }
          end(entry, JobState.FAILED, now, "interrupted by restart");
        } else if (entry.state == JobState.QUEUED) {
          entry.event(now, "queued", "queued again after a restart");
          queue.add(entry);
        }
        if (entry.state.hasResult() && entry.resultBytes >= 0 && !Files.isRegularFile(resultFile(entry))) {
          evict(entry, "its result file " + resultFile(entry) + " was gone after a restart");
        }
        if (!entry.state.hasEnded() || entry.state.hasResult()) {
          byKey.put(entry.key, entry);
        }
      }
    }
    // Unfinished results of jobs that were running, and results whose record is gone.
    try (var listing = Files.newDirectoryStream(results)) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        String id = name.replaceFirst("\\.(pcap|pcapng)$", "");
        JobEntry owner = jobs.get(id);
        boolean kept = !name.startsWith(".") && owner != null && owner.state.hasResult() && owner.resultBytes >= 0;
        if (!kept) {
          Files.deleteIfExists(file);
        }
      }
    }
    return List.copyOf(found);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the job service is closed");
    }
  }

  /**
   * Stops the service: queued jobs stay queued (in the spool, for the next start), running jobs are
   * cancelled, and the call waits (a minute at most) for their runners to end.
   */
  @Override
  public void close() {
    List<QueryRun> stopping = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (JobEntry entry : jobs.values()) {
        if (entry.run != null) {
          stopping.add(entry.run);
        }
      }
      changed();
    }
    stopping.forEach(QueryRun::cancel);
    runners.shutdown();
    try {
      runners.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static String humanDuration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 3600 == 0 && seconds > 0) {
      return seconds / 3600 + " h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + " min";
    }
    return seconds + " s";
  }
}
