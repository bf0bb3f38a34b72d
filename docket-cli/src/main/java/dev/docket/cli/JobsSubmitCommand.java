package dev.docket.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docket jobs submit QUERY}: submits a query to the server as a job and prints its id; with
 * {@code --wait} follows it to its end, and with {@code -w FILE} downloads its result.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit QUERY to the server as a job, and print the job's id on standard output. The server reads the query "
          + "(relative times such as 'after 1h ago' count back from its clock); a tcpdump filter goes in as bpf \"...\".",
      "The same query submitted again soon after is the same job: its id is printed again.",
      "With --wait, follow the job until it ends (a progress bar on a terminal); with -w FILE, also download its "
          + "result, which appears only when whole ('-w -': to standard output, and the id to standard error).",
      "Examples:",
      "  docket jobs submit 'host 10.0.0.1 and after 1h ago'",
      "  docket jobs submit --wait -w incident.pcap 'host 10.0.0.1 and port 443 and after 2026-12-01T09:00:00Z and before 2026-12-01T10:00:00Z'",
      "  docket jobs submit --source sensor-1 --max-packets 100000 -w - 'udp port 53 and after 10m ago' | tcpdump -nr -"
    })
final class JobsSubmitCommand implements Callable<Integer> {
  private static final Set<String> FORMATS = Set.of("pcap", "pcap-ns", "pcapng");

  @CommandLine.ParentCommand JobsCommand jobs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServerOptions server;

  @Option(names = "--source", paramLabel = "NAME", description = "Ask only the source NAME of the server's; repeat for more (default: all of them).")
  List<String> sources = List.of();

  @Option(names = "--max-packets", paramLabel = "N", description = "At most N packets in the result (the server's limit is the most).")
  @Nullable Long maxPackets;

  @Option(names = "--max-bytes", paramLabel = "N", description = "At most about N bytes of packets in the result (the server's limit is the most).")
  @Nullable Long maxBytes;

  @Option(names = "--format", paramLabel = "FORMAT", description = "pcap (default), pcap-ns (nanosecond pcap) or pcapng.")
  String format = "pcap";

  @Option(names = "--dedupe", description = "Drop a packet whose exact bytes were seen within 1 ms (the same packet from two taps).")
  boolean dedupe;

  @Option(names = "--accept-large", description = "Run the query even when the server estimates it above its limit.")
  boolean acceptLarge;

  @Option(names = "--wait", description = "Wait until the job ends; exit 0 done, 3 partial, 1 failed or cancelled.")
  boolean await;

  @Option(names = "--poll", description = "With --wait: ask for the job every second instead of following its events (for a proxy that holds them back).")
  boolean poll;

  @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "When the job is done, download its result to FILE ('-': standard output); implies --wait.")
  @Nullable Path file;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query, e.g. 'host 10.0.0.1 and port 53 and after 1h ago'; one argument or several words.")
  List<String> words = List.of();

  @Override
  public Integer call() {
    String chosen = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(chosen)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format + " is not pcap, pcap-ns or pcapng");
    }
    if ((maxPackets != null && maxPackets < 1) || (maxBytes != null && maxBytes < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-packets and --max-bytes must be positive");
    }
    boolean toStandardOutput = file != null && file.toString().equals("-");
    if (toStandardOutput && Terminal.standardOutputIsTerminal()) {
      throw new CommandFailure(ExitCodes.USAGE, "refusing to write a binary capture to the terminal; give -w FILE or pipe it (| tcpdump -r -)");
    }
    if (file != null && !toStandardOutput) {
      JobDownload.checkWritable(file); // before the job runs, not after
    }
    try (JobsClient client = server.client(jobs.environment())) {
      return call(client, chosen, toStandardOutput);
    }
  }

  private int call(JobsClient client, String chosen, boolean toStandardOutput) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("query", String.join(" ", words));
    if (!sources.isEmpty()) {
      request.put("sources", sources);
    }
    if (maxPackets != null) {
      request.put("max-packets", maxPackets);
    }
    if (maxBytes != null) {
      request.put("max-bytes", maxBytes);
    }
    request.put("format", chosen);
    request.put("dedupe", dedupe);
    request.put("accept-large", acceptLarge);
    JobsClient.Submitted submitted = client.submit(request);
    RemoteJob job = submitted.job();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The id is what a script keeps; with the capture on standard output, it goes beside it, to stderr.
    (toStandardOutput ? err : out).println(job.id());
    (toStandardOutput ? err : out).flush();
    if (submitted.existing()) {
      err.println("docket: the same query was submitted moments ago: job " + job.id() + " (" + job.state().wireName() + ")");
      err.flush();
    }
    if (!await && file == null) {
      return ExitCodes.DONE;
    }
    RemoteJob ended;
    try (JobProgressBar bar = JobProgressBar.forStandardError("job")) {
      ended = new JobFollower(client, Duration.ofSeconds(1)).follow(job.id(), !poll, bar);
    }
    if (file == null) {
      err.println("docket: " + JobsCommand.ending(ended));
      err.flush();
      return JobsCommand.exitCode(ended);
    }
    return JobsGetCommand.save(client, ended, file, err);
  }
}
