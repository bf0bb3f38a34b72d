package dev.docket.job;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * How a {@link JobService} runs: where it keeps jobs, how many run at once, what a job may cost,
 * and how long results are kept. {@link #in(Path)} gives the defaults; each {@code with…} changes one.
 *
 * @param spool the directory of job records ({@code jobs/}) and results ({@code results/})
 * @param runningJobs how many jobs run at once
 * @param queriesPerSource how many jobs may ask one source at once (a sensor's disk and CPU are shared)
 * @param dedupeWindow the granularity relative times are rounded to, so that the same query within
 *     it is one job
 * @param maxPackets the most packets a job's result holds, unless a request lowers it
 * @param maxBytes about the most bytes of packet records a job's result holds, unless a request
 *     lowers it
 * @param maxEstimatedBytes a query whose sources expect to read more is refused unless its request
 *     accepts a large query
 * @param maxUnestimatedWindow for a source that cannot estimate (a sensor), the longest time
 *     window a query may ask without accepting a large query
 * @param minFreeBytes the spool's disk keeps at least this much free: below it new jobs are
 *     refused, running jobs stop (partial) and old results are evicted
 * @param quotaBytes the most the spool's results may take; the oldest are evicted beyond it
 * @param expiry how long a result is kept after its job ends
 * @param clock the service's time: events, expiry, relative times in queries
 * @param threads where every thread of the service comes from: its runners and their runs'
 */
public record JobSettings(
    Path spool,
    int runningJobs,
    int queriesPerSource,
    Duration dedupeWindow,
    long maxPackets,
    long maxBytes,
    long maxEstimatedBytes,
    Duration maxUnestimatedWindow,
    long minFreeBytes,
    long quotaBytes,
    Duration expiry,
    Clock clock,
    ThreadFactory threads) {
  public static final int DEFAULT_RUNNING_JOBS = 4;
  public static final int DEFAULT_QUERIES_PER_SOURCE = 2;
  public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofSeconds(60);
  public static final long DEFAULT_MAX_PACKETS = 100_000_000L;
  public static final long DEFAULT_MAX_BYTES = 8L << 30;
  public static final long DEFAULT_MAX_ESTIMATED_BYTES = 64L << 30;
  public static final Duration DEFAULT_MAX_UNESTIMATED_WINDOW = Duration.ofHours(24);
  public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;
  public static final long DEFAULT_QUOTA_BYTES = 64L << 30;
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(48);

  public JobSettings {
    requireNonNull(spool, "spool");
    requireNonNull(dedupeWindow, "dedupeWindow");
    requireNonNull(maxUnestimatedWindow, "maxUnestimatedWindow");
    requireNonNull(expiry, "expiry");
    requireNonNull(clock, "clock");
    requireNonNull(threads, "threads");
    checkArgument(runningJobs >= 1, "running jobs %s is not positive", runningJobs);
    checkArgument(queriesPerSource >= 1, "queries per source %s is not positive", queriesPerSource);
    checkArgument(!dedupeWindow.isNegative() && !dedupeWindow.isZero(), "the dedupe window must be positive");
    checkArgument(maxPackets >= 1 && maxBytes >= 1, "the job limits must be positive");
    checkArgument(maxEstimatedBytes >= 0 && minFreeBytes >= 0 && quotaBytes >= 0, "sizes must not be negative");
    checkArgument(!expiry.isNegative(), "the expiry must not be negative");
  }

  /** The defaults, with the spool at {@code spool}, the system clock and daemon threads. */
  public static JobSettings in(Path spool) {
    return new JobSettings(
        spool,
        DEFAULT_RUNNING_JOBS,
        DEFAULT_QUERIES_PER_SOURCE,
        DEFAULT_DEDUPE_WINDOW,
        DEFAULT_MAX_PACKETS,
        DEFAULT_MAX_BYTES,
        DEFAULT_MAX_ESTIMATED_BYTES,
        DEFAULT_MAX_UNESTIMATED_WINDOW,
        DEFAULT_MIN_FREE_BYTES,
        DEFAULT_QUOTA_BYTES,
        DEFAULT_EXPIRY,
        Clock.systemUTC(),
        new ThreadFactoryBuilder().setNameFormat("docket-job-%d").setDaemon(true).build());
  }

  public JobSettings withRunningJobs(int runningJobs) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withQueriesPerSource(int queriesPerSource) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withDedupeWindow(Duration dedupeWindow) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withLimits(long maxPackets, long maxBytes) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withMaxEstimate(long maxEstimatedBytes, Duration maxUnestimatedWindow) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withMinFreeBytes(long minFreeBytes) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withQuotaBytes(long quotaBytes) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withExpiry(Duration expiry) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withClock(Clock clock) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }

  public JobSettings withThreads(ThreadFactory threads) {
    return new JobSettings(spool, runningJobs, queriesPerSource, dedupeWindow, maxPackets, maxBytes, maxEstimatedBytes, maxUnestimatedWindow, minFreeBytes, quotaBytes, expiry, clock, threads);
  }
}
