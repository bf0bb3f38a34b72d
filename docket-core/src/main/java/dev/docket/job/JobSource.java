package dev.docket.job;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One source's part in a job.
 *
 * @param name the source's name
 * @param state how its part stands
 * @param error why it failed, in the source's own words; empty unless {@link State#FAILED}
 * @param bytesPlanned the bytes it expects to read (0 when it cannot tell, as a sensor)
 * @param bytesRead the bytes it has read or received so far
 * @param packetsMatched its packets that matched the query so far
 */
public record JobSource(String name, State state, Optional<String> error, long bytesPlanned, long bytesRead, long packetsMatched) {
  /** How a source's part stands. */
  public enum State {
    /** The job has not started. */
    WAITING,
    /** The source is answering. */
    RUNNING,
    /** It answered in full. */
    DONE,
    /** It failed; {@link JobSource#error()} says why. The other sources' packets are kept. */
    FAILED,
    /** The job was cancelled or stopped before the source ended. */
    CANCELLED
  }

  public JobSource {
    requireNonNull(name, "name");
    requireNonNull(state, "state");
    requireNonNull(error, "error");
  }
}
