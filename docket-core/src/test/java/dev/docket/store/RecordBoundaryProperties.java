package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.LinkType;
import dev.docket.pcap.PcapWriter;
import dev.docket.pcap.PcapngWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** {@link RecordBoundary} finds the next record of real-looking traffic, and only in files it can cut. */
class RecordBoundaryProperties {
  private static final Instant START = Instant.parse("2024-06-03T09:00:00Z");
  private static Path directory;
  private static Path micro;
  private static Path nano;
  private static List<Long> microRecords;
  private static List<Long> nanoRecords;

  @BeforeContainer
  static void writeCaptures() throws IOException {
    directory = Files.createTempDirectory("record-boundary");
    micro = directory.resolve("micro.pcap");
    nano = directory.resolve("nano.pcap");
    write(micro, TimestampPrecision.MICROSECONDS);
    write(nano, TimestampPrecision.NANOSECONDS);
    microRecords = records(micro);
    nanoRecords = records(nano);
  }

  @AfterContainer
  static void removeCaptures() throws IOException {
    for (Path file : List.of(micro, nano)) {
      Files.deleteIfExists(file);
    }
    Files.deleteIfExists(directory);
  }

  @Property(tries = 200)
  void theGuessIsTheFirstRecordAtOrAfterTheOffset(@ForAll @IntRange(min = 0, max = 999) int permille, @ForAll boolean nanoseconds)
      throws IOException {
    Path file = nanoseconds ? nano : micro;
    List<Long> records = nanoseconds ? nanoRecords : microRecords;
    long size = Files.size(file);
    long from = size * permille / 1000;
    long expected = records.stream().filter(offset -> offset >= from).findFirst().orElse(-1L);
    try (FileChannel channel = FileChannel.open(file)) {
      var guess = RecordBoundary.find(channel, size, from);
      // Near the end fewer than a chain of records are left: then there is no guess, never a wrong one.
      if (records.indexOf(expected) + RecordBoundary.CHAIN <= records.size() && expected >= 0) {
        assertThat(guess).hasValue(expected);
      } else {
        assertThat(guess.isEmpty() || records.contains(guess.getAsLong())).isTrue();
      }
    }
  }

  @Property(tries = 20)
  void pcapngAndOlderPcapVersionsAreNotCut(@ForAll @IntRange(min = 0, max = 999) int permille) throws IOException {
    Path pcapng = directory.resolve("any.pcapng");
    try (OutputStream out = Files.newOutputStream(pcapng); CraftedTraffic traffic = new CraftedTraffic(3, START, 100)) {
      PcapngWriter writer = PcapngWriter.create(out);
      for (int i = 0; i < 500 && traffic.next(); i++) {
        writer.write(traffic.packet());
      }
      writer.close();
    }
    Path old = directory.resolve("old.pcap");
    Files.copy(micro, old, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel channel = FileChannel.open(old, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 3).flip(), 6); // version 2.3
    }
    try {
      for (Path file : List.of(pcapng, old)) {
        try (FileChannel channel = FileChannel.open(file)) {
          long size = channel.size();
          assertThat(RecordBoundary.find(channel, size, size * permille / 1000)).isEmpty();
        }
      }
    } finally {
      Files.delete(pcapng);
      Files.delete(old);
    }
  }

  private static void write(Path file, TimestampPrecision precision) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); CraftedTraffic traffic = new CraftedTraffic(11, START, 100)) {
      PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET, PcapWriter.DEFAULT_SNAP_LENGTH, precision);
      for (int i = 0; i < 5_000 && traffic.next(); i++) {
        writer.write(traffic.packet());
      }
      writer.close();
    }
  }

  /** Where each record starts, by walking the lengths from the file's header. */
  private static List<Long> records(Path file) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      List<Long> starts = new ArrayList<>();
      for (int at = 24; at + 16 <= bytes.limit(); at += 16 + bytes.getInt(at + 8)) {
        starts.add((long) at);
      }
      return starts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
