package dev.docket.cli;

import dev.docket.job.JobState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code docket jobs cancel ID...}: stops jobs that still run; their records stay, marked cancelled. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel jobs that are queued or running: every source stops, nothing is kept, and the job stays listed as cancelled. "
          + "A job that has already ended is left as it is. Prints each job's id and the state it ended in.",
      "Examples:",
      "  docket jobs cancel 01JD2K8ZQ3",
      "  docket jobs list --state running --json | jq -r '.jobs[].id' | xargs docket jobs cancel"
    })
final class JobsCancelCommand implements Callable<Integer> {
  @CommandLine.ParentCommand JobsCommand jobs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServerOptions server;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "The jobs' ids.")
  List<String> ids = List.of();

  @Override
  public Integer call() {
    try (JobsClient client = server.client(jobs.environment())) {
      return call(client);
    }
  }

  private int call(JobsClient client) {
    PrintWriter out = spec.commandLine().getOut();
    for (String id : ids) {
      RemoteJob asked = client.cancel(id);
      // The server stops the job's sources and answers at once: the job ends moments later.
      RemoteJob job = asked.state().hasEnded() ? asked : new JobFollower(client, Duration.ofMillis(200)).follow(id, true, ended -> {});
      out.println(job.id() + " " + job.state().wireName());
      if (asked.state().hasEnded() && asked.state() != JobState.CANCELLED) {
        spec.commandLine().getErr().println("docket: job " + id + " had already ended (" + job.state().wireName() + "); left as it is");
      }
    }
    out.flush();
    return ExitCodes.DONE;
  }
}
