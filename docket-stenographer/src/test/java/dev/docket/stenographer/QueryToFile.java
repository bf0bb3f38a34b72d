package dev.docket.stenographer;

import dev.docket.pcap.PcapWriter;
import dev.docket.query.QueryParser;
import dev.docket.source.FanOutStream;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceFanOut;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A query from one sensor into a pcap file, run in its own JVM by the tests that bound its heap:
 * {@code QueryToFile HOST PORT CERT KEY CA VERIFY_HOSTNAME QUERY OUT}. Prints the packets and the
 * heap used at the end; exits 1 with the failures when a source failed.
 */
public final class QueryToFile {
  private QueryToFile() {}

  public static void main(String[] args) throws Exception {
    StenographerSettings settings =
        StenographerSettings.of("sensor", args[0], Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]))
            .withVerifyHostname(Boolean.parseBoolean(args[5]));
    long packets = 0;
    try (StenographerSource source = StenographerSource.create(settings);
        FanOutStream result =
            new SourceFanOut(Thread::new)
                .open(new QueryParser(Clock.systemUTC()).parse(args[6]), List.of(source), ResultLimit.NONE, ScanProgress.NONE);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[7])), 1 << 16);
        PcapWriter writer = PcapWriter.create(out, 1)) {
      while (result.next()) {
        writer.write(result.packet());
        packets++;
      }
      if (!result.failures().isEmpty()) {
        result.failures().forEach(failure -> System.out.println(failure.getMessage()));
        System.exit(1);
      }
    }
    Runtime runtime = Runtime.getRuntime();
    System.out.println(packets + " packets, max heap " + runtime.maxMemory() + ", used " + (runtime.totalMemory() - runtime.freeMemory()));
  }
}
