package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.filter.PacketFilter;
import dev.docket.packet.LinkType;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.pcap.PcapWriter;
import dev.docket.source.ScanCounters;
import dev.docket.source.ScanStatus;
import dev.docket.store.StorePackets.Packet;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single classic pcap file read by two threads ({@link CaptureFiles#readingInParallel}) gives the
 * answer one thread gives, packet for packet, including where the guessed middle is no record
 * boundary and where the file is damaged on either side of it.
 */
class CaptureFilesInTwoHalvesTest {
  private static final Instant START = Instant.parse("2024-06-03T09:00:00Z");
  private static final PacketFilter TCP = PacketFilter.compile(StorePackets.parse("tcp"));

  @TempDir Path scratch;

  /** Hands out threads and remembers them, to check that one was used and that it ended. */
  private final List<Thread> made = new CopyOnWriteArrayList<>();
  private final ThreadFactory threads = runnable -> {
    Thread thread = new Thread(runnable, "back-half-" + made.size());
    made.add(thread);
    return thread;
  };

  @Test
  void bothHalvesGiveEveryMatchInTheFilesOrder() throws IOException {
    Path file = crafted("big.pcap", 1, 20_000);
    for (PacketFilter filter : List.of(PacketFilter.ALL, TCP)) {
      ScanCounters counters = new ScanCounters();
      List<Packet> inTwo = read(CaptureFiles.of(List.of(file)).readingInParallel(halves(1)), filter, counters);

      assertThat(inTwo).isEqualTo(read(CaptureFiles.of(List.of(file)), filter, new ScanCounters()));
      ScanStatus status = counters.status();
      assertThat(status.bytesRead()).isEqualTo(Files.size(file));
      assertThat(status.warnings()).isEmpty();
    }
    assertThat(made).hasSize(2); // one back half per scan
    assertThat(made).noneMatch(Thread::isAlive);
  }

  /**
   * The front half's first quarter tells: a query whose back-half matches would not fit the queue
   * (here one batch) gets no second thread.
   */
  @Test
  void onlyAQueryWhoseBackHalfWouldFitTheQueueGetsASecondThread() throws IOException {
    Path file = crafted("big.pcap", 8, 20_000);
    SplitReading sampled = new SplitReading(threads, 1, Long.MAX_VALUE, 1);
    PacketFilter nothing = PacketFilter.compile(StorePackets.parse("host 192.0.2.99"));

    List<Packet> all = read(CaptureFiles.of(List.of(file)).readingInParallel(sampled), PacketFilter.ALL, new ScanCounters());
    assertThat(made).isEmpty();
    List<Packet> none = read(CaptureFiles.of(List.of(file)).readingInParallel(sampled), nothing, new ScanCounters());
    assertThat(made).hasSize(1).noneMatch(Thread::isAlive);

    assertThat(all).isEqualTo(read(CaptureFiles.of(List.of(file)), PacketFilter.ALL, new ScanCounters()));
    assertThat(none).isEmpty();
  }

  @Test
  void aSmallFileOrSeveralFilesAreReadByOneThread() throws IOException {
    Path one = crafted("one.pcap", 1, 2_000);
    Path two = crafted("two.pcap", 2, 2_000);

    read(CaptureFiles.of(List.of(one)).readingInParallel(halves(Files.size(one) + 1)), TCP, new ScanCounters());
    read(CaptureFiles.of(List.of(one, two)).readingInParallel(halves(1)), TCP, new ScanCounters());

    assertThat(made).isEmpty();
  }

  /**
   * The file's middle falls in a packet that carries a capture itself (a pcap file downloaded over
   * HTTP): its records look like the real ones, so the back half starts on the wrong bytes. The
   * front half's reader crosses that offset inside a record, drops the back half and reads on.
   */
  @Test
  void aGuessInsideAPacketIsCaughtAndTheFrontReaderReadsOn() throws IOException {
    Path file = scratch.resolve("carrier.pcap");
    int carrierLength = 8000;
    try (OutputStream out = Files.newOutputStream(file)) {
      PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET);
      writeCrafted(writer, 7, START, 3000);
      writer.write(carrier(carrierLength));
      writeCrafted(writer, 7, START.plusSeconds(600), 3000); // as long as the first part: the middle is in the carrier
      writer.close();
    }
    long size = Files.size(file);
    long carrierStart = (size - 24 - 16 - carrierLength) / 2 + 24; // its record header
    try (FileChannel channel = FileChannel.open(file)) {
      long guess = RecordBoundary.find(channel, size, size / 2).orElseThrow();
      assertThat(guess).isGreaterThan(carrierStart).isLessThan(carrierStart + 16 + carrierLength);
    }

    List<Packet> inTwo = read(CaptureFiles.of(List.of(file)).readingInParallel(halves(1)), PacketFilter.ALL, new ScanCounters());

    assertThat(inTwo).isEqualTo(read(CaptureFiles.of(List.of(file)), PacketFilter.ALL, new ScanCounters()));
    assertThat(inTwo).hasSize(6001);
    assertThat(made).hasSize(1).noneMatch(Thread::isAlive);
  }

  @Test
  void damageInTheBackHalfEndsTheFileAfterItsGoodPackets() throws IOException {
    Path file = crafted("cut.pcap", 3, 20_000);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 7); // the last record cut short
    }
    assertSameAnswerAndWarnings(file);
  }

  @Test
  void damageInTheFrontHalfStopsThereAndTheBackHalfIsDropped() throws IOException {
    Path file = crafted("damaged.pcap", 4, 20_000);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long record = recordNear(channel, channel.size() / 4);
      ByteBuffer huge = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fff_0000).flip();
      channel.write(huge, record + 8); // a captured length no link type allows
    }
    List<Packet> inTwo = assertSameAnswerAndWarnings(file);
    assertThat(inTwo).hasSizeLessThan(10_000);
    assertThat(made).hasSize(1).noneMatch(Thread::isAlive);
  }

  @Test
  void closingMidwayEndsTheBackHalfsThread() throws IOException {
    Path file = crafted("big.pcap", 5, 20_000);
    try (PacketStream stream = CaptureFiles.of(List.of(file)).readingInParallel(halves(1)).open(PacketFilter.ALL, new ScanCounters())) {
      for (int i = 0; i < 100; i++) {
        assertThat(stream.next()).isTrue();
      }
    }
    assertThat(made).hasSize(1).noneMatch(Thread::isAlive);
  }

  /**
   * A query that keeps more of the back half than may queue: the back half stops, and the front
   * half's reader reads the rest from the record where it stopped.
   */
  @Test
  void aBackHalfThatKeepsTooMuchLeavesTheRestToTheFrontReader() throws IOException {
    Path file = crafted("big.pcap", 6, 20_000);
    SplitReading fewBatches = new SplitReading(threads, 1, 0, 2);
    ScanCounters counters = new ScanCounters();

    List<Packet> inTwo = read(CaptureFiles.of(List.of(file)).readingInParallel(fewBatches), PacketFilter.ALL, counters);

    assertThat(inTwo).isEqualTo(read(CaptureFiles.of(List.of(file)), PacketFilter.ALL, new ScanCounters()));
    assertThat(counters.status().bytesRead()).isEqualTo(Files.size(file));
    assertThat(made).hasSize(1).noneMatch(Thread::isAlive);
  }

  /** Splits any file of {@code minBytes}, deciding before its first packet. */
  private SplitReading halves(long minBytes) {
    return new SplitReading(threads, minBytes, 0, SplitReading.DEFAULT_QUEUED_BATCHES);
  }

  private List<Packet> assertSameAnswerAndWarnings(Path file) throws IOException {
    ScanCounters one = new ScanCounters();
    ScanCounters two = new ScanCounters();
    List<Packet> byOne = read(CaptureFiles.of(List.of(file)), PacketFilter.ALL, one);

    List<Packet> inTwo = read(CaptureFiles.of(List.of(file)).readingInParallel(halves(1)), PacketFilter.ALL, two);

    assertThat(inTwo).isEqualTo(byOne);
    assertThat(two.status().warnings()).isEqualTo(one.status().warnings()).singleElement().asString().startsWith(file + ": corrupt at byte ");
    return inTwo;
  }

  private Path crafted(String name, long seed, int packets) throws IOException {
    Path file = scratch.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET);
      writeCrafted(writer, seed, START, packets);
      writer.close();
    }
    return file;
  }

  private static void writeCrafted(PcapWriter writer, long seed, Instant start, int packets) throws IOException {
    try (CraftedTraffic traffic = new CraftedTraffic(seed, start, 100)) {
      for (int i = 0; i < packets && traffic.next(); i++) {
        writer.write(traffic.packet());
      }
    }
  }

  /** An Ethernet frame whose second half holds 16 pcap records of 100 bytes each, as a downloaded capture would. */
  private static PacketView carrier(int length) {
    ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < length / 2; i++) {
      bytes.put(i, (byte) (0x41 + i % 26)); // text, which is no record
    }
    int at = length / 2 + 4;
    for (int record = 0; record < RecordBoundary.CHAIN + 4; record++) {
      bytes.putInt(at, (int) START.getEpochSecond() + record).putInt(at + 4, 1000 * record).putInt(at + 8, 100).putInt(at + 12, 100);
      at += 16 + 100;
    }
    PacketView view = new PacketView();
    view.reset(bytes, 0, length, length, START.plusSeconds(300).toEpochMilli() * 1_000_000, LinkType.ETHERNET, 0);
    return view;
  }

  /** The offset of the first record at or after {@code offset}, walking the records from the start. */
  private static long recordNear(FileChannel channel, long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    long at = 24;
    while (at < offset) {
      header.clear();
      channel.read(header, at);
      at += 16 + header.getInt(8);
    }
    return at;
  }

  private static List<Packet> read(CaptureFiles files, PacketFilter filter, ScanCounters counters) throws IOException {
    try (PacketStream stream = files.open(filter, counters)) {
      return StorePackets.drain(stream);
    }
  }
}
