package dev.docket.job;

import java.util.Locale;

/**
 * Where a job is in its life. A job only moves forward: queued, then running, then one of the
 * ends; a result that was kept (done or partial) may later expire.
 */
public enum JobState {
  /** Waiting for a turn: its user's queue, a free runner, a free slot on each of its sources. */
  QUEUED,
  /** Asking its sources and writing the result. */
  RUNNING,
  /** Every source answered in full: the result is exact and whole. */
  DONE,
  /**
   * A result was written but is not the whole answer: a source failed (the others' packets are
   * kept), an input was damaged, or the job stopped at a limit or before the disk filled. The
   * job's reason says which.
   */
  PARTIAL,
  /** No result: every source failed, the output could not be written, or the service restarted. */
  FAILED,
  /** Cancelled before it ended; nothing is kept. */
  CANCELLED,
  /** Its result was removed, for its age or to make room; the record stays and says why. */
  EXPIRED;

  /** The state's name as the record and the REST API spell it: {@code done}, {@code partial}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state a {@link #wireName()} names. */
  public static JobState ofWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Whether the job has ended: nothing more happens to it, except that a result may expire. */
  public boolean hasEnded() {
    return this != QUEUED && this != RUNNING;
  }

  /** Whether the job has a result to download (until it expires). */
  public boolean hasResult() {
    return this == DONE || this == PARTIAL;
  }

  /** Whether a job may move from this state to {@code next}: only forward. */
  public boolean canMoveTo(JobState next) {
    switch (this) {
      case QUEUED:
        return next != QUEUED && next != EXPIRED;
      case RUNNING:
        return next.hasEnded() && next != EXPIRED;
      case DONE:
      case PARTIAL:
        return next == EXPIRED;
      default:
        return false;
    }
  }
}
