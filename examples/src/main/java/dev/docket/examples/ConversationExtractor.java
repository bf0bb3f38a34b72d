package dev.docket.examples;

import dev.docket.filter.FilteredStream;
import dev.docket.filter.PacketFilter;
import dev.docket.merge.MergeStream;
import dev.docket.packet.PacketStream;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapngWriter;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the conversation between two hosts, from any number of captures, into one pcapng file,
 * with the parts under the front door ({@code Docket}) put together by hand: parse a query, compile
 * it once, filter each capture as it streams, merge the matches in time order, write them. Memory
 * stays constant whatever the captures' sizes; every capture stays open until the end.
 *
 * <pre>java -cp ... dev.docket.examples.ConversationExtractor 10.1.9.106 172.16.5.232 out.pcapng a.pcap b.pcap</pre>
 */
public final class ConversationExtractor {
  private ConversationExtractor() {}

  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: ConversationExtractor HOST-A HOST-B OUT.pcapng CAPTURE...");
      System.exit(2);
    }
    Query query;
    try {
      query = new QueryParser(Clock.systemUTC()).parse("host " + args[0] + " and host " + args[1]);
    } catch (InvalidQueryException invalid) {
      System.err.println(invalid.getMessage());
      System.exit(2);
      return;
    }
    List<Path> captures = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      captures.add(Path.of(args[i]));
    }
    try {
      long written = extract(query, captures, Path.of(args[2]));
      System.err.println(written + " packets written to " + args[2]);
    } catch (IOException failed) {
      // The capture readers name their file and the byte where it went wrong.
      System.err.println(failed.getMessage());
      System.exit(1);
    }
  }

  /** Writes the packets of {@code captures} that match {@code query} to {@code output}; returns how many. */
  static long extract(Query query, List<Path> captures, Path output) throws IOException {
    MergeStream merged = openAll(captures, PacketFilter.compile(query));
    long written = 0;
    try (merged;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(output));
        PcapngWriter writer = PcapngWriter.create(out)) {
      while (merged.next()) {
        // The input's number keeps each capture's interfaces apart in the pcapng output.
        writer.write(merged.packet(), merged.currentInput());
        written++;
      }
    }
    return written;
  }

  /**
   * Opens every capture, filtered, into one merge. When one cannot be opened, those already open are
   * closed before the failure is thrown: the merge that would have closed them does not exist yet.
   */
  static MergeStream openAll(List<Path> captures, PacketFilter filter) throws IOException {
    List<PacketStream> inputs = new ArrayList<>();
    try {
      for (Path capture : captures) {
        inputs.add(new FilteredStream(CaptureReader.open(capture), filter));
      }
      return new MergeStream(inputs);
    } catch (IOException | RuntimeException failed) {
      for (PacketStream input : inputs) {
        try {
          input.close();
        } catch (IOException alsoFailed) {
          failed.addSuppressed(alsoFailed);
        }
      }
      throw failed;
    }
  }
}
