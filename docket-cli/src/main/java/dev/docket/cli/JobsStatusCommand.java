package dev.docket.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docket jobs status ID}: where a job is, each source's part, and (with --wait) how it ended. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show a job: its state, query, progress, each source's state and error, and its result's size.",
      "With --wait, follow it until it ends, and exit as submit --wait does (0 done, 3 partial, 1 failed or cancelled).",
      "Examples:",
      "  docket jobs status 01JD2K8ZQ3",
      "  docket jobs status --wait 01JD2K8ZQ3 && docket jobs get 01JD2K8ZQ3 -w incident.pcap",
      "  docket jobs status --json 01JD2K8ZQ3 | jq .summary.packets"
    })
final class JobsStatusCommand implements Callable<Integer> {
  @CommandLine.ParentCommand JobsCommand jobs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServerOptions server;

  @Option(names = "--json", description = "Print the server's JSON for the job, for scripts.")
  boolean json;

  @Option(names = "--wait", description = "Wait until the job ends (a progress bar on a terminal), then exit by how it ended.")
  boolean await;

  @Option(names = "--poll", description = "With --wait: ask for the job every second instead of following its events (for a proxy that holds them back).")
  boolean poll;

  @Parameters(paramLabel = "ID", description = "The job's id, as submit printed it.")
  String id = "";

  @Override
  public Integer call() {
    try (JobsClient client = server.client(jobs.environment())) {
      return call(client);
    }
  }

  private int call(JobsClient client) {
    PrintWriter out = spec.commandLine().getOut();
    int exit = ExitCodes.DONE;
    if (await) {
      RemoteJob ended;
      try (JobProgressBar bar = JobProgressBar.forStandardError("job")) {
        ended = new JobFollower(client, Duration.ofSeconds(1)).follow(id, !poll, bar);
      }
      exit = JobsCommand.exitCode(ended);
    }
    if (json) {
      out.println(client.jobJson(id));
    } else {
      describe(client.job(id), out);
    }
    out.flush();
    return exit;
  }

  private static void describe(RemoteJob job, PrintWriter out) {
    out.println("id:        " + job.id());
    out.println("state:     " + job.state().wireName() + job.reason().map(reason -> " (" + reason + ")").orElse(""));
    out.println("user:      " + job.user());
    out.println("query:     " + job.query());
    out.println("submitted: " + job.submitted());
    out.println(String.format("progress:  %s of %s read, %,d packets matched",
        JobTable.size(job.bytesRead()), JobTable.size(job.bytesPlanned()), job.packetsMatched()));
    if (job.resultBytes().isPresent()) {
      out.println("result:    " + JobTable.size(job.resultBytes().getAsLong())
          + job.packets().stream().mapToObj(packets -> String.format(", %,d packets", packets)).findFirst().orElse(""));
    }
    for (RemoteJob.Source source : job.sources()) {
      out.println("source:    " + source.name() + " " + source.state() + source.error().map(error -> ": " + error).orElse(""));
    }
  }
}
