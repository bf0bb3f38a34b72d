package dev.docket.cli;

import com.google.common.collect.ImmutableList;
import com.google.common.io.Closer;
import dev.docket.packet.PacketStream;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.PacketSource;
import dev.docket.source.QueryPlanner;
import dev.docket.source.ScanCounters;
import dev.docket.source.ScanProgress;
import dev.docket.source.ScanStatus;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
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
 * {@code docket query --store DIR QUERY}: the query's packets from every packet source, merged by
 * time. The sources are a list, each planned for and opened alike, so that more kinds (sensors from
 * a configuration file) join the same fan-out and merge.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Write the packets that match QUERY from the given capture stores, merged in time order.",
      "A store is a directory tree of capture files (pcap, pcapng, gzip-compressed too), such as "
          + "tcpdump -G or -C leaves. A catalog of each file's time range (.docket-catalog, or one in "
          + "--state DIR) is kept up to date at each query, so a time window opens only the files it "
          + "overlaps.",
      "Example: docket query --store /var/spool/pcap -w incident.pcap 'host 10.0.0.1 and after 1h ago'"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:a failure: a store cannot be read, or the output cannot be written",
      "2:a bad query or bad arguments",
      "3:done, but a file was damaged, vanished or could not be read: the rest was returned"
    })
final class QueryCommand implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--store", paramLabel = "DIR", required = true, description = "A directory tree of capture files; repeat for more (two sensors' directories).")
  List<Path> stores = List.of();

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
  public Integer call() {
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    Query query;
    try {
      query = new QueryParser(clock).parse(String.join(" ", words));
    } catch (InvalidQueryException invalid) {
      spec.commandLine().getErr().println("docket: " + invalid.getMessage());
      return DocketCommand.EXIT_USAGE;
    }
    List<PacketSource> sources = sources();
    ScanCounters counters = new ScanCounters();
    long started = System.nanoTime();
    int exit;
    try (ProgressDisplay display = ProgressDisplay.forStandardError()) {
      exit = new CapturePipeline(spec.commandLine().getErr())
          .run((closer, problems) -> open(sources, new ReportingProgress(counters, display, problems), query, closer), false, output);
    }
    if (stats) {
      ScanStatus status = counters.status();
      spec.commandLine().getErr().printf(
          "docket: read %d of %d files selected by time, %,d bytes, %,d packets matched, in %.2f s%n",
          status.unitsDone(), status.units(), status.bytesRead(), status.matched(), (System.nanoTime() - started) / 1e9);
    }
    return exit;
  }

  private List<PacketSource> sources() {
    StoreOptions options =
        new StoreOptions("store", ImmutableList.copyOf(stores), Optional.ofNullable(state), threads);
    return List.of(new LocalStore(options));
  }

  private static List<PacketStream> open(List<PacketSource> sources, ScanProgress progress, Query query, Closer closer)
      throws IOException {
    List<PacketStream> streams = new ArrayList<>(sources.size());
    for (PacketSource source : sources) {
      streams.add(closer.register(source.open(QueryPlanner.plan(query, source.features()), progress)));
    }
    return streams;
  }
}
