package dev.docket.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code docket jobs list}: the user's jobs on the server (an admin's: everyone's), newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List your jobs on the server (an admin's: everyone's), newest first: a table, or the server's JSON with --json.",
      "Examples:",
      "  docket jobs list",
      "  docket jobs list --state running --json | jq -r '.jobs[].id'"
    })
final class JobsListCommand implements Callable<Integer> {
  @CommandLine.ParentCommand JobsCommand jobs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServerOptions server;

  @Option(names = "--state", paramLabel = "STATE", description = "Only jobs in STATE: queued, running, done, partial, failed, cancelled or expired.")
  @Nullable String state;

  @Option(names = "--user", paramLabel = "USER", description = "Only USER's jobs (an admin sees everyone's).")
  @Nullable String user;

  @Option(names = "--limit", paramLabel = "N", description = "At most N jobs (1-1000, default ${DEFAULT-VALUE}).")
  int limit = 100;

  @Option(names = "--offset", paramLabel = "N", description = "Skip the N newest first (default ${DEFAULT-VALUE}), for the next page.")
  int offset;

  @Option(names = "--json", description = "Print the server's JSON ({\"total\", \"offset\", \"limit\", \"jobs\": [...]}), for scripts.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (limit < 1 || limit > 1000 || offset < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1-1000 and --offset 0 or more");
    }
    try (JobsClient client = server.client(jobs.environment())) {
      return call(client);
    }
  }

  private int call(JobsClient client) throws IOException {
    String answer = client.listJson(Optional.ofNullable(state), Optional.ofNullable(user), limit, offset);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(answer);
      out.flush();
      return ExitCodes.DONE;
    }
    Map<String, Object> page = JSON.std.mapFrom(answer);
    List<RemoteJob> listed = new ArrayList<>();
    if (page.get("jobs") instanceof List<?> items) {
      for (Object item : items) {
        listed.add(RemoteJob.of(item instanceof Map<?, ?> job ? job : Map.of()));
      }
    }
    JobTable.print(listed, out);
    out.flush();
    if (page.get("total") instanceof Number total && total.longValue() > offset + listed.size()) {
      spec.commandLine().getErr().println("docket: " + listed.size() + " of " + total + " jobs shown; the next page: --offset " + (offset + listed.size()));
    }
    return ExitCodes.DONE;
  }
}
