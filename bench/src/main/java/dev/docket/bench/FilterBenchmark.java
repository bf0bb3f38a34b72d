package dev.docket.bench;

import dev.docket.filter.FilteredStream;
import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketStream;
import dev.docket.pcap.CaptureReader;
import dev.docket.query.QueryParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operation is one whole pass over a synthetic capture: read every record, decode what the
 * query needs and count the matches, as {@code docket filter} does before it writes. The score is
 * passes per second; the {@code bytes} and {@code packets} counters give the same as capture bytes
 * and packets per second.
 *
 * <p>{@code query} "none" reads and frames the records without filtering (the reader's own cost);
 * {@code BUSY} stands for the traffic's busiest IPv4 host. {@code input} "file" reads a temporary
 * file through a FileChannel, as the CLI does (the file is hot in the page cache after the first
 * pass); "memory" reads the same bytes from a byte array, leaving the kernel out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class FilterBenchmark {
  private static final String NO_FILTER = "none";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T12:00:00Z"), ZoneOffset.UTC);

  @Param({NO_FILTER, "host BUSY", "tcp", "port 53", "net 10.2.0.0/16 and not tcp port 443"})
  public String query = NO_FILTER;

  @Param({"file", "memory"})
  public String input = "file";

  /** Captured bytes to generate, in MiB; "memory" holds them all on the heap (-Xmx256m). */
  @Param("64")
  public int sizeMiB = 64;

  @Param("1")
  public long seed = 1;

  private @Nullable Path directory;
  private @Nullable Path file;
  private byte @Nullable [] bytes;
  private @Nullable PacketFilter filter;
  private long fileBytes;
  private long filePackets;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    if (!input.equals("file") && !input.equals("memory")) {
      throw new IllegalArgumentException("input is file or memory, not " + input);
    }
    directory = BenchCaptures.createDirectory();
    Path capture = directory.resolve("capture.pcap");
    BenchCaptures.write(capture, seed, (long) sizeMiB << 20);
    file = capture;
    fileBytes = Files.size(capture);
    filePackets = BenchCaptures.countPackets(capture);
    if (input.equals("memory")) {
      bytes = Files.readAllBytes(capture);
    }
    String text = query.replace("BUSY", BenchCaptures.busiestIpv4Host(seed).toString());
    filter = query.equals(NO_FILTER) ? null : PacketFilter.compile(new QueryParser(CLOCK).parse(text));
    long matched = pass();
    System.out.printf(
        Locale.ROOT,
        "%n[setup] '%s': %,d of %,d packets match (%.1f%%) in %,d bytes%n",
        text,
        matched,
        filePackets,
        100.0 * matched / filePackets,
        fileBytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (directory != null) {
      BenchCaptures.delete(directory);
    }
  }

  @Benchmark
  public long filter(Work work) throws IOException {
    long matched = pass();
    work.bytes += fileBytes;
    work.packets += filePackets;
    return matched;
  }

  private long pass() throws IOException {
    long matched = 0;
    try (CaptureReader reader = open()) {
      PacketFilter compiled = filter;
      PacketStream stream = compiled == null ? reader : new FilteredStream(reader, compiled);
      while (stream.next()) {
        matched++;
      }
    }
    return matched;
  }

  private CaptureReader open() throws IOException {
    byte[] held = bytes;
    if (held != null) {
      return CaptureReader.open(new ByteArrayInputStream(held), "memory");
    }
    Path path = file;
    if (path == null) {
      throw new IllegalStateException("not set up");
    }
    return CaptureReader.open(path);
  }
}
