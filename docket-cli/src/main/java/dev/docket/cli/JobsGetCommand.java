package dev.docket.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docket jobs get ID -w FILE}: downloads a job's result, resuming a download cut short. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Download the result of a job that has ended (done or partial) to FILE, or to standard output.",
      "FILE appears only when every byte has arrived; a download cut short is resumed where it stopped by running the same command again.",
      "Examples:",
      "  docket jobs get 01JD2K8ZQ3 -w incident.pcap",
      "  docket jobs get --wait 01JD2K8ZQ3 | tcpdump -nr - 'tcp[13] & 2 != 0'"
    })
final class JobsGetCommand implements Callable<Integer> {
  @CommandLine.ParentCommand JobsCommand jobs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServerOptions server;

  @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write the result to FILE (default, or '-': standard output, never a terminal).")
  @Nullable Path file;

  @Option(names = "--wait", description = "Wait for a job that still runs (a progress bar on a terminal).")
  boolean await;

  @Parameters(paramLabel = "ID", description = "The job's id, as submit printed it.")
  String id = "";

  @Override
  public Integer call() {
    if (file != null && !file.toString().equals("-")) {
      JobDownload.checkWritable(file);
    }
    try (JobsClient client = server.client(jobs.environment())) {
      return call(client);
    }
  }

  private int call(JobsClient client) {
    PrintWriter err = spec.commandLine().getErr();
    RemoteJob job;
    if (await) {
      try (JobProgressBar bar = JobProgressBar.forStandardError("job")) {
        job = new JobFollower(client, Duration.ofSeconds(1)).follow(id, true, bar);
      }
    } else {
      job = client.job(id);
      if (!job.state().hasEnded()) {
        throw new CommandFailure(ExitCodes.FAILURE, "job " + id + " is still " + job.state().wireName()
            + "; wait for it with docket jobs get --wait " + id);
      }
    }
    return save(client, job, file, err);
  }

  /**
   * Downloads {@code job}'s result to {@code file} ({@code -} or none: standard output) and says on
   * stderr how the job ended; the exit code is the job's (0 done, 3 partial, 1 no result).
   */
  static int save(JobsClient client, RemoteJob job, @Nullable Path file, PrintWriter err) {
    if (!job.state().hasResult()) {
      throw new CommandFailure(ExitCodes.FAILURE, JobsCommand.ending(job) + "; it has no result to download");
    }
    boolean toStandardOutput = file == null || file.toString().equals("-");
    if (toStandardOutput && Terminal.standardOutputIsTerminal()) {
      throw new CommandFailure(ExitCodes.USAGE, "refusing to write a binary capture to the terminal; give -w FILE or pipe it (| tcpdump -r -)");
    }
    try (JobProgressBar bar = JobProgressBar.forStandardError("download")) {
      JobDownload download = new JobDownload(client, bar);
      if (toStandardOutput) {
        download.toStream(job.id(), new FileOutputStream(FileDescriptor.out));
      } else {
        download.toFile(job.id(), file);
      }
    }
    if (job.state() != dev.docket.job.JobState.DONE) {
      err.println("docket: " + JobsCommand.ending(job));
    }
    err.flush();
    return JobsCommand.exitCode(job);
  }
}
