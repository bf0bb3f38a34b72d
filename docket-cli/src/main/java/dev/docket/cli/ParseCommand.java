package dev.docket.cli;

import dev.docket.config.ConfigException;
import dev.docket.config.ConfigFile;
import dev.docket.config.StenographerSourceConfig;
import dev.docket.filter.QueryReader;
import dev.docket.plan.StenographerQuery;
import dev.docket.plan.StenographerSyntax;
import dev.docket.query.BpfSyntax;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QuerySyntax;
import dev.docket.query.TimeWindow;
import dev.docket.stenographer.StrippedVlanTag;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docket parse QUERY}: shows how Docket reads a query and how it says it to other tools. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parse a query and print it in Docket's canonical form, in Stenographer's dialect and as a "
          + "tcpdump (BPF) filter, one per labelled line.",
      "The words of the query may be given as one argument or several: docket parse host 10.0.0.1 and port 53",
      "A tcpdump filter that is not Docket's language is read as bpf \"FILTER\": docket parse 'tcp[13] & 2 != 0'",
      "Examples:",
      "  docket parse 'src host 10.0.0.1 and port 53 and after 1h ago'",
      "  tcpdump -r capture.pcap \"$(docket parse --bpf 'net 10.1.0.0/16 and not port 22')\"",
      "  docket parse --config docket.yaml 'vlan 100 and host 10.0.0.1'"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the query is valid", "2:the query or the configuration file is invalid (the reason is on stderr)"})
final class ParseCommand implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query, e.g. 'host 10.0.0.1 and port 53 and after 1h ago'.")
  List<String> words = List.of();

  @ArgGroup(exclusive = true)
  Only only;

  @Option(names = "--config", paramLabel = "FILE", description = "The sources YAML file: also note what its Stenographer sensors cannot see of the query (an outermost VLAN tag).")
  @Nullable Path config;

  /** Print one form alone, for scripts: {@code tcpdump -r f "$(docket parse --bpf QUERY)"}. */
  static final class Only {
    @Option(names = "--canonical", description = "Print only the canonical Docket form.")
    boolean canonical;

    @Option(names = "--stenographer", description = "Print only the Stenographer form.")
    boolean stenographer;

    @Option(names = "--bpf", description = "Print only the BPF form (time bounds left out: BPF has no time).")
    boolean bpf;
  }

  ParseCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    QueryReader.Reading reading = new QueryReader(clock).reading(String.join(" ", words));
    Query query = reading.query();
    List<String> notes;
    try {
      notes = sensorNotes(query);
    } catch (ConfigException invalid) {
      err.println("docket: " + invalid.getMessage());
      return ExitCodes.USAGE;
    }
    if (only != null) {
      out.println(only.canonical ? QuerySyntax.print(query)
          : only.stenographer ? StenographerSyntax.print(query).text()
          : BpfSyntax.print(query));
      notes.forEach(note -> err.println("docket: note: " + note)); // standard output stays one form, for scripts
      return 0;
    }
    StenographerQuery stenographer = StenographerSyntax.print(query);
    out.println("docket:       " + QuerySyntax.print(query));
    if (reading.asTcpdump()) {
      out.println("              (not Docket's language, but libpcap compiles it: read as a tcpdump filter, "
          + "which no source is asked natively)");
      reading.split().ifPresent(split -> out.println(
          "              (written as " + QuerySyntax.print(split) + ", Docket would ask the sources natively for what is not "
              + "in bpf \"...\"; check the meaning: Docket's host and net are IP only, tcpdump's match ARP too)"));
    }
    out.println("stenographer: " + stenographer.text());
    if (stenographer.needsResidualFilter()) {
      out.println("              (a superset; Docket filters the rest exactly: "
          + String.join("; ", stenographer.relaxed()) + ")");
    }
    out.println("bpf:          " + bpfLine(query));
    out.println("window:       " + TimeWindow.split(query).window());
    notes.forEach(note -> out.println("note:         " + note));
    return 0;
  }

  /** What each Stenographer sensor of --config cannot see of {@code query}, one line each. */
  private List<String> sensorNotes(Query query) throws ConfigException {
    if (config == null) {
      return List.of();
    }
    return ConfigFile.read(config).sources().stream()
        .filter(StenographerSourceConfig.class::isInstance)
        .flatMap(sensor -> StrippedVlanTag.note(sensor.name(), query).stream())
        .toList();
  }

  private static String bpfLine(Query query) {
    try {
      String bpf = BpfSyntax.print(query);
      return bpf.isEmpty() ? "(empty: every packet in the window)" : bpf;
    } catch (InvalidQueryException inexpressible) {
      return "(none: " + inexpressible.getMessage() + ")";
    }
  }
}
