package dev.docket.examples;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputException;
import dev.docket.QueryResult;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.SourceOutcome;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A source of your own ({@link BucketSource}, captures kept in an object-store bucket) asked
 * together with a local store through one {@link Docket}: both answer at once, each on its own
 * thread, and their packets are merged in time order into one pcap. The bucket evaluates nothing
 * itself; Docket's residual filter makes its answer exact all the same.
 *
 * <pre>java -cp ... dev.docket.examples.BucketSourceExample /var/spool/pcap /mnt/bucket 'src net 10.0.0.0/8 and not port 53' out.pcap</pre>
 *
 * <p>Prints each source's packets, then the result; exit codes as {@link QueryStoreExample}'s.
 */
public final class BucketSourceExample {
  private BucketSourceExample() {}

  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println("usage: BucketSourceExample STORE-DIRECTORY BUCKET-DIRECTORY QUERY OUTPUT.pcap");
      System.exit(2);
    }
    try {
      Docket docket =
          Docket.builder()
              .source(new LocalStore(StoreOptions.of(Path.of(args[0])).withName("store")))
              .source(new BucketSource("bucket", Path.of(args[1])))
              .build();
      Query query = new QueryParser(Clock.systemUTC()).parse(args[2]);
      QueryResult result = docket.run(query, CaptureSink.toFile(Path.of(args[3])));
      for (SourceOutcome source : result.sources()) {
        System.out.println(source.source() + ": " + source.packets() + " packets");
      }
      System.out.println(result.status() + ": " + result.packets() + " packets written to " + args[3]);
      result.problems().forEach(System.err::println);
      System.exit(QueryStoreExample.exitCode(result.status()));
    } catch (InvalidQueryException badQuery) {
      System.err.println("bad query: " + badQuery.getMessage());
      System.exit(2);
    } catch (OutputException unwritable) {
      System.err.println(unwritable.getMessage());
      System.exit(1);
    }
  }
}
