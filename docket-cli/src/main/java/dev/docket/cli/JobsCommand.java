package dev.docket.cli;

import dev.docket.job.JobState;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code docket jobs}: a client of a running server's REST API, for scripts and automation: list,
 * submit (and wait, and download), status, get, cancel, delete.
 */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = {
      "Work with the jobs of a running Docket server (docket serve) through its REST API: list them, submit a query "
          + "as a job, follow it, download its result, cancel or delete it.",
      "The server is --server URL or DOCKET_SERVER; the credentials come from DOCKET_USER/DOCKET_PASSWORD or a netrc "
          + "file, never from the command line."
    },
    subcommands = {
      JobsListCommand.class,
      JobsSubmitCommand.class,
      JobsStatusCommand.class,
      JobsGetCommand.class,
      JobsCancelCommand.class,
      JobsDeleteCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  export DOCKET_SERVER=https://docket.example/app/docket/ DOCKET_USER=alice",
      "  read -rs DOCKET_PASSWORD && export DOCKET_PASSWORD",
      "  docket jobs submit --wait -w incident.pcap 'host 10.0.0.1 and after 1h ago'",
      "  id=$(docket jobs submit 'net 10.1.0.0/16 and port 53 and after 2h ago')",
      "  docket jobs status --wait \"$id\" && docket jobs get \"$id\" -w dns.pcap",
      "  docket jobs list --state running",
      "  docket jobs get \"$id\" | tcpdump -nr -",
      "",
      "Exit codes: 0 done; 1 the job failed, was cancelled or expired, or the server failed; 2 bad arguments or "
          + "a query the server refused; 3 done, but partial; 4 credentials refused or missing; 5 server unreachable."
    })
final class JobsCommand implements Runnable {
  private final Environment environment;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  JobsCommand(Environment environment) {
    this.environment = environment;
  }

  Environment environment() {
    return environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "give a jobs command, such as 'docket jobs list'");
  }

  /** The exit code for a job that has ended: 0 done, 3 partial, 1 otherwise. */
  static int exitCode(RemoteJob job) {
    return job.state() == JobState.DONE ? ExitCodes.DONE : job.state() == JobState.PARTIAL ? ExitCodes.PARTIAL : ExitCodes.FAILURE;
  }

  /** One line on how a job ended, for stderr: "job ID done: 1,234 packets, 5.6 MiB". */
  static String ending(RemoteJob job) {
    StringBuilder line = new StringBuilder("job ").append(job.id()).append(' ').append(job.state().wireName());
    if (job.state().hasResult()) {
      line.append(": ");
      job.packets().ifPresent(packets -> line.append(String.format("%,d packets, ", packets)));
      line.append(JobTable.size(job.resultBytes().orElse(0)));
    }
    job.reason().ifPresent(reason -> line.append(" (").append(reason).append(')'));
    for (RemoteJob.Source source : job.sources()) {
      source.error().ifPresent(error -> line.append("; ").append(source.name()).append(": ").append(error));
    }
    return line.toString();
  }
}
