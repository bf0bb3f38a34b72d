package dev.docket.job;

/**
 * How far a job has got, summed over its sources.
 *
 * @param bytesPlanned the bytes its sources expect to read (a store's files; a sensor tells none)
 * @param bytesRead the bytes read so far, of captures or of a sensor's answers
 * @param packetsMatched the packets that matched the query so far
 * @param packetsWritten the packets written to the result
 * @param bytesWritten the bytes of those packets' records in the result
 */
public record JobProgress(long bytesPlanned, long bytesRead, long packetsMatched, long packetsWritten, long bytesWritten) {
  /** A job that has not started. */
  public static final JobProgress NONE = new JobProgress(0, 0, 0, 0, 0);
}
