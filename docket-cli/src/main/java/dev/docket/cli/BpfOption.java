package dev.docket.cli;

import dev.docket.filter.QueryReader;
import dev.docket.query.Query;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --bpf EXPR}, and-ed with the query: a tcpdump filter beside Docket's language, for the
 * commands that read one. Its meaning is exactly libpcap's (see the README's query language).
 */
final class BpfOption {
  @Option(
      names = "--bpf",
      paramLabel = "EXPR",
      description = "A tcpdump filter that packets must also match, exactly as libpcap means it, e.g. --bpf 'tcp[tcpflags] & tcp-syn != 0'.")
  @Nullable String expression;

  /** Reads {@code text} (Docket's language, else a whole tcpdump filter) and ands the --bpf filter. */
  Query read(Clock clock, String text) {
    QueryReader reader = new QueryReader(clock);
    Query query = reader.read(text);
    if (expression == null) {
      return query;
    }
    // The same checks as a bpf part of the query text: libpcap must compile it.
    return query.and(reader.read("bpf " + quoted(expression)));
  }

  private static String quoted(String expression) {
    return "\"" + expression.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
