package dev.docket.cli;

import com.google.common.collect.ImmutableList;
import com.google.common.io.Closer;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.config.ConfigException;
import dev.docket.config.ConfigFile;
import dev.docket.config.ConfiguredSources;
import dev.docket.config.DocketConfig;
import dev.docket.config.LocalStoreOpener;
import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.PacketStream;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.FanOutStream;
import dev.docket.source.PacketSource;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanCounters;
import dev.docket.source.ScanProgress;
import dev.docket.source.ScanStatus;
import dev.docket.source.SourceException;
import dev.docket.source.SourceFanOut;
import dev.docket.source.SourceOutcome;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docket query [--store DIR] [--config FILE] QUERY}: the query's packets from every packet
 * source — local stores and Stenographer sensors alike — merged by time. Each source is planned for
 * and answers on its own thread (a lone source on the caller's); one that fails is reported by name
 * and the rest is returned.
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
    Query query = new QueryParser(clock).parse(String.join(" ", words));
    ScanCounters counters = new ScanCounters();
    long started = System.nanoTime();
    int exit;
    try (Closer sourcesCloser = Closer.create(); ProgressDisplay display = ProgressDisplay.forStandardError(counters)) {
      List<PacketSource> sources;
      try {
        sources = sources(sourcesCloser);
      } catch (ConfigException invalid) {
        spec.commandLine().getErr().println("docket: " + invalid.getMessage());
        return DocketCommand.EXIT_USAGE;
      }
      exit = new CapturePipeline(spec.commandLine().getErr())
          .run(
              (closer, problems) ->
                  List.of(fanOut(sources, new ReportingProgress(counters, display, problems), query, closer, problems)),
              false,
              output);
    }
    if (stats) {
      ScanStatus status = counters.status();
      spec.commandLine().getErr().printf(
          "docket: read %d of %d files selected by time, %,d bytes (%,d more skipped by the index), %,d packets matched, in %.2f s%n",
          status.unitsDone(),
          status.units(),
          status.bytesRead(),
          status.bytesSkipped(),
          status.matched(),
          (System.nanoTime() - started) / 1e9);
    }
    return exit;
  }

  /** The stores given with --store (one source), then every source of --config. */
  private List<PacketSource> sources(Closer closer) throws ConfigException {
    List<PacketSource> sources = new ArrayList<>();
    if (!stores.isEmpty()) {
      sources.add(new LocalStore(new StoreOptions("store", ImmutableList.copyOf(stores), Optional.ofNullable(state), threads)));
    }
    if (config != null) {
      DocketConfig read = ConfigFile.read(config);
      LocalStoreOpener local =
          entry -> new LocalStore(new StoreOptions(entry.name(), ImmutableList.of(entry.path()), entry.stateDirectory(), threads));
      sources.addAll(closer.register(ConfiguredSources.open(read, local)).sources());
    }
    return sources;
  }

  /**
   * Every source answers through the fan-out (on a thread of its own when there are several), so one
   * that fails (a sensor refused, a TLS error, an answer cut short) keeps what it sent and is reported
   * by name, and the others go on.
   */
  private PacketStream fanOut(List<PacketSource> sources, ScanProgress progress, Query query, Closer closer, Consumer<String> problems) {
    ThreadFactory sourceThreads = new ThreadFactoryBuilder().setNameFormat("source-%d").setDaemon(true).build();
    FanOutStream stream = closer.register(new SourceFanOut(sourceThreads).open(query, sources, limit(), progress));
    return new FailuresReportedAtEnd(stream, problems);
  }

  /**
   * The fan-out's stream, which reports each failed source (one line naming it) once it ends. When
   * every source failed without a packet, nothing was found: that is the run's failure (exit 1, no
   * output file), not a partial result.
   */
  private static final class FailuresReportedAtEnd extends ForwardingPacketStream {
    private final FanOutStream stream;
    private final Consumer<String> problems;
    private boolean reported;

    FailuresReportedAtEnd(FanOutStream stream, Consumer<String> problems) {
      super(stream);
      this.stream = stream;
      this.problems = problems;
    }

    @Override
    public boolean next() throws IOException {
      if (stream.next()) {
        return true;
      }
      if (!reported) {
        reported = true;
        List<SourceOutcome> outcomes = stream.outcomes();
        if (!outcomes.isEmpty() && outcomes.stream().noneMatch(outcome -> outcome.succeeded() || outcome.packets() > 0)) {
          List<SourceException> failures = stream.failures();
          if (failures.size() == 1) {
            throw failures.get(0);
          }
          throw new SourceException(
              "every source failed",
              failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")));
        }
        stream.failures().forEach(failure -> problems.accept(failure.getMessage()));
      }
      return false;
    }
  }

  private ResultLimit limit() {
    return new ResultLimit(limitPackets == null ? Long.MAX_VALUE : limitPackets, limitBytes == null ? Long.MAX_VALUE : limitBytes);
  }
}
