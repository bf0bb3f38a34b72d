package dev.docket.web;

import dev.docket.job.Job;
import dev.docket.job.JobService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The jobs a caller may see: their own, or every user's for an admin. Another user's job is
 * answered exactly as a job that does not exist (404), so ids cannot be probed.
 */
@Singleton
final class VisibleJobs {
  /** A job id as the service makes them: 128 random bits in hex. Anything else is no job. */
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private final JobService jobs;

  VisibleJobs(JobService jobs) {
    this.jobs = jobs;
  }

  JobService service() {
    return jobs;
  }

  Job get(Caller caller, String id) {
    if (!ID.matcher(id).matches()) {
      throw ApiException.notFound("no job " + shown(id));
    }
    return jobs.job(id).filter(job -> caller.mayAccess(job.user())).orElseThrow(() -> ApiException.notFound("no job " + id));
  }

  /** The caller's jobs, newest first. */
  List<Job> all(Caller caller) {
    return jobs.jobs().stream().filter(job -> caller.mayAccess(job.user())).toList();
  }

  /** An id as a message may show it: short, and without control characters. */
  static String shown(String id) {
    String cut = id.length() > 40 ? id.substring(0, 40) + "..." : id;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
