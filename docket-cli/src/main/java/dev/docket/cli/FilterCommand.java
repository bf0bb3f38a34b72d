package dev.docket.cli;

import dev.docket.Docket;
import dev.docket.query.Query;
import dev.docket.source.ScanProgress;
import dev.docket.store.CaptureFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docket filter QUERY FILE...}: the matching packets of all files, merged by time. */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    description = {
      "Write the packets of the given captures that match QUERY, merged in time order.",
      "Example: docket filter 'host 10.0.0.1 and port 53' a.pcap b.pcapng.gz | tcpdump -nr -"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:a failure: an input cannot be read, or the output cannot be written",
      "2:a bad query or bad arguments",
      "3:done, but an input was damaged: its packets up to the damage were filtered"
    })
final class FilterCommand implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin BpfOption bpf;

  @Option(names = "--dedupe", description = "Drop a packet whose exact bytes were already seen within 1 ms (the same packet recorded by two taps).")
  boolean dedupe;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. 'host 10.0.0.1 and port 53'. See 'docket parse'.")
  String queryText = "";

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Captures to read; '-' is standard input.")
  List<Path> files = List.of();

  FilterCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Query query = bpf.read(clock, queryText);
    Docket docket = Docket.builder()
        .threads(CaptureRun.THREADS)
        .source(CaptureFiles.of(files).readingInParallel(CaptureRun.THREADS))
        .dedupe(dedupe)
        .format(output.outputFormat())
        .build();
    return new CaptureRun(spec.commandLine().getErr(), output).run(docket, Optional.of(query), ScanProgress.NONE, CaptureRun.ResultListener.NONE);
  }
}
