package dev.docket.web;

import dev.docket.job.JobRefusedException;
import dev.docket.job.JobRequest;
import dev.docket.job.JobService;
import dev.docket.job.Submission;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Submits a job from a request's fields for a caller, and notes it in the audit log. */
@Singleton
final class JobSubmitter {
  private final JobService jobs;
  private final AuditLog audit;

  JobSubmitter(JobService jobs, AuditLog audit) {
    this.jobs = jobs;
    this.audit = audit;
  }

  Submission submit(Caller caller, Map<String, ?> fields) throws JobRefusedException {
    JobRequest request = JobRequests.from(fields, caller.user(), formClock());
    Submission submission = jobs.submit(request);
    audit.submitted(caller, submission.job().id(), submission.job().query(), submission.job().sources().stream().map(s -> s.name()).toList(), submission.existing());
    return submission;
  }

  /**
   * The clock Docket's fields' relative times count back from: the service's, rounded down to its
   * dedupe window as the service rounds a query's own relative times, so that the same fields
   * submitted twice within it are one job.
   */
  Clock formClock() {
    long window = jobs.settings().dedupeWindow().toMillis();
    long now = jobs.settings().clock().millis();
    return Clock.fixed(Instant.ofEpochMilli(Math.floorDiv(now, window) * window), ZoneOffset.UTC);
  }
}
