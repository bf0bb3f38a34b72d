package dev.docket.bench;

import com.google.common.io.Closer;
import dev.docket.merge.MergeStream;
import dev.docket.packet.LinkType;
import dev.docket.packet.PacketStream;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * One operation merges {@code inputs} synthetic captures (different seeds, the same time span, so
 * their packets interleave as two taps' would) by timestamp with {@link MergeStream}, as {@code
 * docket merge} does. {@code sink} "none" only merges; "pcap" also writes every packet with a
 * {@link PcapWriter} into a discarding stream, adding the record copy but no I/O. The score is
 * merges per second; {@code bytes} and {@code packets} count everything read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class MergeBenchmark {
  @Param({"2", "8"})
  public int inputs = 8;

  @Param({"none", "pcap"})
  public String sink = "none";

  /** Captured bytes of all inputs together, in MiB. */
  @Param("64")
  public int sizeMiB = 64;

  private @Nullable Path directory;
  private final List<Path> files = new ArrayList<>();
  private long fileBytes;
  private long filePackets;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    if (!sink.equals("none") && !sink.equals("pcap")) {
      throw new IllegalArgumentException("sink is none or pcap, not " + sink);
    }
    Path created = BenchCaptures.createDirectory();
    directory = created;
    long each = ((long) sizeMiB << 20) / inputs;
    for (int i = 0; i < inputs; i++) {
      Path file = created.resolve("input-" + i + ".pcap");
      BenchCaptures.write(file, 100 + i, each);
      files.add(file);
      fileBytes += Files.size(file);
      filePackets += BenchCaptures.countPackets(file);
    }
    long merged = merge();
    if (merged != filePackets) {
      throw new IllegalStateException("merged " + merged + " packets of " + filePackets);
    }
    System.out.printf(Locale.ROOT, "%n[setup] %d inputs: %,d packets in %,d bytes%n", inputs, filePackets, fileBytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (directory != null) {
      BenchCaptures.delete(directory);
    }
    files.clear();
  }

  @Benchmark
  public long merge(Work work) throws IOException {
    long merged = merge();
    work.bytes += fileBytes;
    work.packets += filePackets;
    return merged;
  }

  private long merge() throws IOException {
    long merged = 0;
    try (Closer closer = Closer.create()) {
      List<PacketStream> readers = new ArrayList<>(files.size());
      for (Path file : files) {
        readers.add(closer.register(CaptureReader.open(file)));
      }
      MergeStream merge = new MergeStream(readers);
      if (sink.equals("pcap")) {
        PcapWriter writer = closer.register(PcapWriter.create(OutputStream.nullOutputStream(), LinkType.ETHERNET));
        while (merge.next()) {
          writer.write(merge.packet());
          merged++;
        }
      } else {
        while (merge.next()) {
          merged++;
        }
      }
    }
    return merged;
  }
}
