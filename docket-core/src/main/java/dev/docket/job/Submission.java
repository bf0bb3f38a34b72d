package dev.docket.job;

import static java.util.Objects.requireNonNull;

/**
 * What {@link JobService#submit} did: started a new job, or found the same query already submitted.
 *
 * @param job the job, as it stands
 * @param existing true when an identical earlier job was returned instead of a new one
 */
public record Submission(Job job, boolean existing) {
  public Submission {
    requireNonNull(job, "job");
  }
}
