package dev.docket.cli;

import dev.docket.Docket;
import dev.docket.source.ScanProgress;
import dev.docket.store.CaptureFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docket merge}: mergecap -w, with damage reported instead of fatal. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge captures (pcap, pcapng, gzip-compressed) into one, in time order, as mergecap -w does.",
      "Examples:",
      "  docket merge -w day.pcap /var/spool/pcap/*.pcap",
      "  docket merge --dedupe --format pcapng tap-a.pcapng tap-b.pcap.gz | tcpdump -nr -",
      "  docket merge -w all.pcap @files.txt    # one input per line"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:a failure: an input cannot be read, or the output cannot be written",
      "2:bad arguments",
      "3:done, but an input was damaged: its packets up to the damage are in the output"
    })
final class MergeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--dedupe", description = "Drop a packet whose exact bytes were already seen within 1 ms (the same packet recorded by two taps).")
  boolean dedupe;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Captures to merge; '-' is standard input.")
  List<Path> files = List.of();

  @Override
  public Integer call() {
    Docket docket = Docket.builder().source(CaptureFiles.of(files)).dedupe(dedupe).format(output.outputFormat()).build();
    return new CaptureRun(spec.commandLine().getErr(), output).run(docket, Optional.empty(), ScanProgress.NONE, CaptureRun.ResultListener.NONE);
  }
}
