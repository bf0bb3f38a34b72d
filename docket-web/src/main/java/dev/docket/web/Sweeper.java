package dev.docket.web;

import dev.docket.job.JobService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Every minute, the job service expires and evicts results (its {@code sweep}). */
@Singleton
final class Sweeper {
  private final JobService jobs;

  Sweeper(JobService jobs) {
    this.jobs = jobs;
  }

  @Scheduled(fixedDelay = "1m", initialDelay = "1m")
  void sweep() {
    jobs.sweep();
  }
}
