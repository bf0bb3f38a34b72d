package dev.docket.examples;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputException;
import dev.docket.QueryResult;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The front door in five lines: a {@link Docket} over a directory of capture files (a {@link
 * LocalStore}), a query parsed from text, its packets written to a pcap file, and how the run went.
 * The file appears only when the run succeeds; the store keeps a catalog beside the captures, so a
 * second query opens only the files its time window overlaps.
 *
 * <pre>java -cp ... dev.docket.examples.QueryStoreExample /var/spool/pcap 'host 10.1.9.106 and after 1h ago' incident.pcap</pre>
 *
 * <p>Exit codes as {@code docket query}'s: 0 complete, 3 written but partial (a damaged file, say),
 * 1 nothing written, 2 a bad query.
 */
public final class QueryStoreExample {
  private QueryStoreExample() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: QueryStoreExample STORE-DIRECTORY QUERY OUTPUT.pcap");
      System.exit(2);
    }
    try {
      Docket docket = Docket.builder().source(new LocalStore(StoreOptions.of(Path.of(args[0])))).build();
      Query query = new QueryParser(Clock.systemUTC()).parse(args[1]);
      QueryResult result = docket.run(query, CaptureSink.toFile(Path.of(args[2])));
      System.out.println(result.status() + ": " + result.packets() + " packets written to " + args[2]);
      result.problems().forEach(System.err::println);
      System.exit(exitCode(result.status()));
    } catch (InvalidQueryException badQuery) {
      System.err.println("bad query: " + badQuery.getMessage());
      System.exit(2);
    } catch (OutputException unwritable) {
      System.err.println(unwritable.getMessage());
      System.exit(1);
    }
  }

  /** The exit code {@code docket query} gives a run that ended so. */
  static int exitCode(QueryResult.Status status) {
    return switch (status) {
      case COMPLETE -> 0;
      case PARTIAL -> 3;
      case FAILED, CANCELLED -> 1;
    };
  }
}
