package dev.docket.cli;

import com.google.common.io.Closer;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.config.ConfigException;
import dev.docket.config.ConfigFile;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.source.PacketSource;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanStatus;
import dev.docket.store.StoreOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docket query [--store DIR] [--config FILE] QUERY}: the query's packets from every packet
 * source — local stores and Stenographer sensors alike — merged by time, through the front door
 * ({@link Docket}); one source that fails is reported by name and the rest is returned.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Write the packets that match QUERY from every source — capture stores and Stenographer "
          + "sensors — merged in time order.",
      "A store is a directory tree of capture files (pcap, pcapng, gzip-compressed too), such as "
          + "tcpdump -G or -C leaves. A catalog of each file's time range (.docket-catalog, or one in "
          + "--state DIR) is kept up to date at each query, so a time window opens only the files it "
          + "overlaps.",
      "Sensors and stores can be listed in a YAML file given with --config (see the README); each "
          + "answers in parallel, and one that fails is reported by name while the others' packets are kept.",
      "Example: docket query --store /var/spool/pcap -w incident.pcap 'host 10.0.0.1 and after 1h ago'"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:a failure: the output cannot be written",
      "2:a bad query, bad arguments or a bad configuration file",
      "3:done, but a source failed or a file was damaged, vanished or could not be read: the rest was returned"
    })
final class QueryCommand implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--store", paramLabel = "DIR", description = "A directory tree of capture files; repeat for more (two sensors' directories).")
  List<Path> stores = List.of();

  @Option(names = "--config", paramLabel = "FILE", description = "A YAML file listing sources: Stenographer sensors and local stores (see the README).")
  @Nullable Path config;

  @Option(names = "--limit-packets", paramLabel = "N", description = "Stop each source after N packets (Stenographer's Steno-Limit-Packets).")
  @Nullable Long limitPackets;

  @Option(names = "--limit-bytes", paramLabel = "N", description = "Stop each source after N bytes, counting 16 per packet as Stenographer does (Steno-Limit-Bytes).")
  @Nullable Long limitBytes;

  @Option(names = "--state", paramLabel = "DIR", description = "Keep the stores' catalogs in DIR, for capture directories Docket may not write to.")
  @Nullable Path state;

  @Option(names = "--threads", paramLabel = "N", description = "Files read at once (default ${DEFAULT-VALUE}).")
  int threads = StoreOptions.DEFAULT_PARALLELISM;

  @Mixin BpfOption bpf;

  @Option(names = "--stats", description = "At the end, print on standard error the files read (of those the time window selected), the bytes read, the packets matched and the time taken.")
  boolean stats;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query, e.g. 'host 10.0.0.1 and port 53 and after 10m ago'; one argument or several words.")
  List<String> words = List.of();

  QueryCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    if (stores.isEmpty() && config == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give the sources: --store DIR, --config FILE, or both");
    }
    if ((limitPackets != null && limitPackets < 1) || (limitBytes != null && limitBytes < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit-packets and --limit-bytes must be positive");
    }
    Query query = bpf.read(clock, String.join(" ", words));
    PrintWriter err = spec.commandLine().getErr();
    try (Closer sourcesCloser = Closer.create(); ProgressDisplay display = ProgressDisplay.forStandardError()) {
      List<PacketSource> sources;
      try {
        sources = sources(sourcesCloser);
      } catch (ConfigException invalid) {
        err.println("docket: " + invalid.getMessage());
        return ExitCodes.USAGE;
      }
      // Every source answers through the front door (each on a thread of its own when there are
      // several), so one that fails (a sensor refused, a TLS error, an answer cut short) keeps what
      // it sent and is reported by name, and the others go on.
      for (PacketSource source : sources) {
        source.notes(QueryPlanner.plan(query, source.features())).forEach(err::println);
      }
      Docket docket = Docket.builder().sources(sources).limit(limit()).format(output.outputFormat()).build();
      return new CaptureRun(err, output).run(docket, Optional.of(query), display, this::printStats);
    }
  }

  private void printStats(QueryResult result) {
    if (stats) {
      ScanStatus status = result.scan();
      spec.commandLine().getErr().printf(
          "docket: read %d of %d files selected by time, %,d bytes (%,d more skipped by the index), %,d packets matched, in %.2f s%n",
          status.unitsDone(),
          status.units(),
          status.bytesRead(),
          status.bytesSkipped(),
          status.matched(),
          result.elapsed().toNanos() / 1e9);
    }
  }

  /** The stores given with --store (one source), then every source of --config. */
  private List<PacketSource> sources(Closer closer) throws ConfigException {
    return CommandSources.open(stores, Optional.ofNullable(state), threads, config == null ? null : ConfigFile.read(config), closer);
  }

  private ResultLimit limit() {
    return new ResultLimit(limitPackets == null ? Long.MAX_VALUE : limitPackets, limitBytes == null ? Long.MAX_VALUE : limitBytes);
  }
}
