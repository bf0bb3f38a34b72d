package dev.docket.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code docket jobs delete ID...}: cancels jobs that still run, then removes their records and results. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete jobs: cancel them if they still run, then remove their records and results from the server's spool.",
      "Example:",
      "  docket jobs delete 01JD2K8ZQ3"
    })
final class JobsDeleteCommand implements Callable<Integer> {
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
    for (String id : ids) {
      client.delete(id);
      spec.commandLine().getOut().println(id + " deleted");
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.DONE;
  }
}
