package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.filter.PacketFilter;
import dev.docket.merge.MergeStream;
import dev.docket.packet.PacketStream;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapWriter;
import dev.docket.pcap.PcapngWriter;
import dev.docket.source.ScanCounters;
import dev.docket.source.ScanStatus;
import dev.docket.source.SourceException;
import dev.docket.store.StorePackets.Packet;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFilesTest {
  private static final Instant START = Instant.parse("2024-06-03T09:00:00Z");

  @TempDir Path scratch;

  /** A packet and the interface the merged stream numbered it on. */
  record Merged(Packet packet, int interfaceId) {}

  @Test
  void mergesExactlyAsMergeStreamOverAllFilesAtOnce() throws IOException {
    List<Path> files = new ArrayList<>();
    // A file with no packets (left out of the merge, but not out of the numbering), files that overlap
    // in time (two taps), ones that follow one another (rotation), and each format.
    files.add(write("empty.pcap", 0, START, 0, Format.PCAP));
    for (int i = 0; i < 12; i++) {
      files.add(write("overlap-" + i + ".pcap", i, START, 40, Format.PCAP));
    }
    for (int i = 0; i < 5; i++) {
      files.add(write("rotated-" + i + ".pcap", 100 + i, START.plusSeconds(60 + 10L * i), 30, Format.PCAP));
    }
    files.add(write("overlap.pcapng", 200, START, 40, Format.PCAPNG));
    files.add(write("overlap.pcap.gz", 201, START, 40, Format.GZIP));
    files.add(files.get(3)); // the same file twice: two inputs
    List<Merged> expected = mergeStream(files, PacketFilter.ALL);

    assertThat(merge(CaptureFiles.of(files), PacketFilter.ALL, new ScanCounters())).isEqualTo(expected);
  }

  @Test
  void moreOverlappingFilesThanMayBeOpenStillMergeExactly() throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Format format = i % 10 == 7 ? Format.PCAPNG : i % 10 == 8 ? Format.GZIP : Format.PCAP;
      files.add(write("overlap-" + i + format.suffix, i, START.plusMillis(i), 60, format));
    }
    PacketFilter tcp = PacketFilter.compile(StorePackets.parse("tcp"));
    ScanCounters counters = new ScanCounters();

    List<Merged> merged = merge(CaptureFiles.of(files).withLimits(4, 1 << 20), tcp, counters);

    assertThat(merged).isEqualTo(mergeStream(files, tcp));
    ScanStatus status = counters.status();
    assertThat(status.unitsDone()).isEqualTo(30);
    assertThat(status.bytesRead()).isEqualTo(status.bytes());
    assertThat(status.warnings()).isEmpty();
  }

  @Test
  void aDamagedFileGivesItsGoodPacketsAndAWarning() throws IOException {
    Path good = write("good.pcap", 1, START, 50, Format.PCAP);
    Path damaged = write("damaged.pcap", 2, START, 50, Format.PCAP);
    long size = Files.size(damaged);
    try (FileChannel channel = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
      channel.truncate(size - 7); // the last record cut short
    }
    ScanCounters counters = new ScanCounters();

    List<Merged> merged = merge(CaptureFiles.of(List.of(good, damaged)), PacketFilter.ALL, counters);

    assertThat(merged).extracting(Merged::packet).isEqualTo(StorePackets.expected(List.of(good, damaged), StorePackets.parse("ip or not ip")));
    assertThat(counters.status().warnings()).singleElement().asString().startsWith(damaged + ": corrupt at byte ");
  }

  @Test
  void aFileThatCannotBeOpenedFailsTheOpenByItsName() throws IOException {
    Path good = write("good.pcap", 1, START, 5, Format.PCAP);
    Path missing = scratch.resolve("missing.pcap");
    Path text = Files.writeString(scratch.resolve("notes.txt"), "not a capture\n");

    assertThatThrownBy(() -> CaptureFiles.of(List.of(good, missing)).open(PacketFilter.ALL, new ScanCounters()))
        .isInstanceOf(SourceException.class)
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> CaptureFiles.of(List.of(text, good)).open(PacketFilter.ALL, new ScanCounters()))
        .isInstanceOf(SourceException.class)
        .hasMessage(text + ": corrupt at byte 0: not a pcap or pcapng file");
  }

  @Test
  void standardInputIsMergedWithTheFiles() throws IOException {
    Path file = write("file.pcap", 1, START, 20, Format.PCAP);
    Path piped = write("piped.pcap", 2, START, 20, Format.PCAP);
    List<Merged> expected = mergeStream(List.of(file, piped), PacketFilter.ALL);

    try (var in = Files.newInputStream(piped)) {
      CaptureFiles files = CaptureFiles.of(List.of(file, Path.of("-"))).withStandardInput(in).withLimits(1, 1 << 20);
      assertThat(merge(files, PacketFilter.ALL, new ScanCounters())).isEqualTo(expected);
    }
  }

  /**
   * 300 files overlapping in time, merged in a JVM with 24 MiB of direct memory: a mebibyte per open
   * file, as before, would need 300.
   */
  @Test
  void manyOverlappingFilesFitInABufferBudget() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      files.add(write("overlap-" + i + ".pcap", i, START.plusMillis(i), 3, Format.PCAP));
    }
    Path list = Files.write(scratch.resolve("files.txt"), files.stream().map(Path::toString).toList());
    Path out = scratch.resolve("merged.pcap");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:MaxDirectMemorySize=24m",
                "-cp",
                System.getProperty("java.class.path"),
                MergeFilesWithinABudget.class.getName(),
                list.toString(),
                out.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    List<Packet> written = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(out)) {
      while (reader.next()) {
        written.add(Packet.of(reader.packet()));
      }
    }
    assertThat(written).isEqualTo(mergeStream(files, PacketFilter.ALL).stream().map(Merged::packet).toList());
  }

  private enum Format {
    PCAP(".pcap"),
    PCAPNG(".pcapng"),
    GZIP(".pcap.gz");

    final String suffix;

    Format(String suffix) {
      this.suffix = suffix;
    }
  }

  /** {@code packets} packets of crafted traffic from {@code start}, about 10 ms apart. */
  private Path write(String name, long seed, Instant start, int packets, Format format) throws IOException {
    Path file = scratch.resolve(name);
    try (CraftedTraffic traffic = new CraftedTraffic(seed, start, 100);
        OutputStream out = format == Format.GZIP ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      if (format == Format.PCAPNG) {
        PcapngWriter writer = PcapngWriter.create(out);
        for (int i = 0; i < packets && traffic.next(); i++) {
          writer.write(traffic.packet());
        }
        writer.close();
      } else {
        PcapWriter writer = PcapWriter.create(out, 1);
        for (int i = 0; i < packets && traffic.next(); i++) {
          writer.write(traffic.packet());
        }
        writer.close();
      }
    }
    return file;
  }

  /** What MergeStream makes of every file opened at once: the answer to equal. */
  private static List<Merged> mergeStream(List<Path> files, PacketFilter filter) throws IOException {
    List<PacketStream> readers = new ArrayList<>();
    for (Path file : files) {
      readers.add(CaptureReader.open(file));
    }
    List<Merged> merged = new ArrayList<>();
    try (MergeStream merge = new MergeStream(readers)) {
      while (merge.next()) {
        if (filter.matches(merge.packet())) {
          merged.add(new Merged(Packet.of(merge.packet()), merge.interfaceId()));
        }
      }
    }
    return merged;
  }

  private static List<Merged> merge(CaptureFiles files, PacketFilter filter, ScanCounters counters) throws IOException {
    List<Merged> merged = new ArrayList<>();
    try (PacketStream stream = files.open(filter, counters)) {
      while (stream.next()) {
        merged.add(new Merged(Packet.of(stream.packet()), stream.interfaceId()));
      }
    }
    return merged;
  }

  /** The merge, in a JVM of its own with little direct memory: list of files, output file. */
  static final class MergeFilesWithinABudget {
    public static void main(String[] args) throws IOException {
      List<Path> files = Files.readAllLines(Path.of(args[0])).stream().map(Path::of).toList();
      try (PacketStream stream = CaptureFiles.of(files).open(PacketFilter.ALL, new ScanCounters());
          OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
        PcapWriter writer = PcapWriter.create(out, 1, PcapWriter.DEFAULT_SNAP_LENGTH, dev.docket.pcap.TimestampPrecision.NANOSECONDS);
        while (stream.next()) {
          writer.write(stream.packet());
        }
        writer.close();
      }
    }
  }
}
