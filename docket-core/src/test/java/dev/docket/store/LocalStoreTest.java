package dev.docket.store;

import static dev.docket.store.StorePackets.expected;
import static dev.docket.store.StorePackets.parse;
import static dev.docket.store.StorePackets.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.io.MoreFiles;
import dev.docket.packet.PacketStream;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapngWriter;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.source.ScanCounters;
import dev.docket.source.ScanStatus;
import dev.docket.store.StorePackets.Packet;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store answers exactly what filtering every file would, opens only the files a window
 * needs, and keeps answering around the things rotating capture directories do: files that grow
 * while being written, appear, vanish, or are damaged.
 */
class LocalStoreTest {
  private static final double RATE = 40;
  /** Small index blocks (files here are 1-2 MB), so that selective queries skip most of each file. */
  private static final long BLOCK_BYTES = 8 << 10;

  @TempDir Path scratch;

  private Path store;
  private ImmutableList<Path> files;

  private void generate(int minutes) throws IOException {
    store = scratch.resolve("store");
    files = GeneratedStore.write(store, 7, GeneratedStore.START, minutes, RATE);
    ageInOrder(files);
  }

  /** Gives files increasing modification times, as a rotating writer leaves them. */
  private static void ageInOrder(List<Path> files) throws IOException {
    Instant base = Instant.parse("2024-06-03T12:00:00Z");
    for (int i = 0; i < files.size(); i++) {
      Files.setLastModifiedTime(files.get(i), FileTime.from(base.plusSeconds(60L * i)));
    }
  }

  private static StoreOptions options(Path... directories) {
    return StoreOptions.of(directories).withIndexBlockBytes(BLOCK_BYTES);
  }

  private static String busiestHost() {
    return CraftedTraffic.BUSY_HOST.toString();
  }

  /** A host in a few of the store's conversations: a selective query, as analysts mostly ask. */
  private static String quietHost() {
    return CraftedTraffic.QUIET_HOST.toString();
  }

  @Test
  void statsSayWhatTheStoreHoldsFromItsCatalog() throws Exception {
    generate(3);
    Files.writeString(store.resolve("eve.json"), "{}\n"); // not a capture: not counted

    Map<String, String> stats = new LocalStore(options(store)).stats().values();

    List<StorePackets.Packet> all = expected(files, parse("ip or not ip"));
    assertThat(stats).containsEntry("files", Integer.toString(files.size()))
        .containsEntry("packets", Integer.toString(all.size()))
        .containsEntry("bytes", Long.toString(files.stream().mapToLong(file -> file.toFile().length()).sum()))
        .containsEntry("oldest", TimeStamps.instant(all.get(0).timestampNanos()).toString())
        .containsEntry("newest", TimeStamps.instant(all.get(all.size() - 1).timestampNanos()).toString());
  }

  @Test
  void answersExactlyWhatFilteringEveryFileAnswers() throws IOException {
    generate(12);
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    for (String text :
        List.of(
            "host " + busiestHost(),
            "udp port 53",
            "ip or not ip",
            "tcp and not port 443",
            "net 10.0.0.0/8 and portrange 1-1023",
            "ip6 or icmp",
            "not host " + busiestHost(),
            "host " + busiestHost() + " or port 22",
            "src host " + busiestHost() + " and after 2024-06-03T09:04:10Z and before 2024-06-03T09:07:50Z")) {
      Query query = parse(text);
      ScanCounters counters = new ScanCounters();
      List<Packet> answer = query(local, query, counters);
      assertThat(answer).as(text).isNotEmpty().isEqualTo(expected(files, query));
      ScanStatus status = counters.status();
      assertThat(status.bytesRead() + status.bytesSkipped()).isEqualTo(status.bytes());
      assertThat(status.warnings()).isEmpty();
      if (!text.contains("after")) {
        assertThat(status.units()).isEqualTo(files.size());
        assertThat(status.unitsDone()).isEqualTo(files.size());
        assertThat(status.bytes()).isEqualTo(totalSize(files));
      }
    }
  }

  @Test
  void theIndexSkipsTheBlocksThatCannotHoldAMatch() throws IOException {
    generate(12);
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    ScanCounters counters = new ScanCounters();
    Query selective = parse("host " + quietHost());
    assertThat(query(local, selective, counters)).isNotEmpty().isEqualTo(expected(files, selective));
    assertThat(counters.status().bytesRead()).isLessThan(totalSize(files) / 4);
    counters = new ScanCounters();
    query(local, parse("ip or not ip"), counters);
    assertThat(counters.status().bytesRead()).isEqualTo(totalSize(files));
    assertThat(counters.status().bytesSkipped()).isZero();
    counters = new ScanCounters();
    query(local, parse("host 192.0.2.99"), counters); // in no packet: no block is read
    assertThat(counters.status().bytesRead()).isZero();
    assertThat(counters.status().bytesSkipped()).isEqualTo(totalSize(files));
  }

  @Test
  void aDeletedIndexIsMadeAgainByTheNextQuery() throws IOException {
    generate(4);
    Query query = parse("host " + quietHost());
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    List<Packet> answer = query(local, query, new ScanCounters());
    MoreFiles.deleteRecursively(store.resolve(".docket-catalog.index"));

    ScanCounters counters = new ScanCounters();
    assertThat(query(new LocalStore(options(store), LocalStore.daemonThreads()), query, counters)).isEqualTo(answer);
    assertThat(indexOf(files.get(0))).isRegularFile();
    assertThat(counters.status().bytesSkipped()).as("the index made again is used at once").isPositive();
  }

  @Test
  void aDamagedOrStaleIndexIsNotUsedAndCostsNoPacket() throws IOException {
    generate(4);
    Query query = parse("host " + busiestHost());
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    List<Packet> answer = query(local, query, new ScanCounters());
    assertThat(answer).isNotEmpty().isEqualTo(expected(files, query));
    Path index = indexOf(files.get(1));
    Path otherIndex = indexOf(files.get(2));
    assertThat(index).isRegularFile();
    byte[] bytes = Files.readAllBytes(index);
    bytes[bytes.length / 2] ^= 0x55;
    bytes[bytes.length / 3] ^= 0x55;
    Files.write(index, Arrays.copyOf(bytes, bytes.length - 3)); // damaged and cut short
    Files.copy(otherIndex, indexOf(files.get(0)),
        StandardCopyOption.REPLACE_EXISTING); // another file's index: stale for this one

    ScanCounters counters = new ScanCounters();
    assertThat(query(new LocalStore(options(store), LocalStore.daemonThreads()), query, counters)).isEqualTo(answer);
    assertThat(counters.status().warnings()).isEmpty();
    assertThat(counters.status().bytesRead()).isGreaterThanOrEqualTo(Files.size(files.get(0)) + Files.size(files.get(1)));
  }

  @Test
  void filesLargerThanAProgressStepLoseNoPacketWhereProgressIsReported() throws IOException {
    store = scratch.resolve("store");
    files = GeneratedStore.write(store, 3, GeneratedStore.START, 2, 500); // about 20 MB a file
    assertThat(Files.size(files.get(0))).isGreaterThan(16 << 20);
    Query everything = parse("ip or not ip");
    ScanCounters counters = new ScanCounters();
    List<Packet> answer = query(new LocalStore(options(store), LocalStore.daemonThreads()), everything, counters);
    assertThat(answer).isEqualTo(expected(files, everything));
    assertThat(counters.status().bytesRead()).isEqualTo(totalSize(files));
  }

  @Test
  void aWindowOpensOnlyTheFilesItOverlaps() throws IOException {
    generate(12);
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    Query acrossTwo = parse("after 2024-06-03T09:03:30Z and before 2024-06-03T09:04:30.5Z");
    ScanCounters counters = new ScanCounters();
    assertThat(query(local, acrossTwo, counters)).isNotEmpty().isEqualTo(expected(files, acrossTwo));
    assertThat(counters.status().units()).isEqualTo(2);
    assertThat(counters.status().bytes()).isEqualTo(totalSize(files.subList(3, 5)));
    assertThat(counters.status().bytesRead()).as("the index reads only the blocks in the window").isLessThan(totalSize(files.subList(3, 5)) * 3 / 4);

    Query oneMinute = parse("after 2024-06-03T09:05:00Z and before 2024-06-03T09:06:00Z and tcp");
    counters = new ScanCounters();
    assertThat(query(local, oneMinute, counters)).isNotEmpty().isEqualTo(expected(files, oneMinute));
    assertThat(counters.status().units()).isEqualTo(1);
    assertThat(counters.status().bytesRead() + counters.status().bytesSkipped()).isEqualTo(Files.size(files.get(5)));

    Query outside = parse("after 2024-06-04T00:00:00Z");
    counters = new ScanCounters();
    assertThat(query(local, outside, counters)).isEmpty();
    assertThat(counters.status().units()).isZero();
  }

  @Test
  void theCatalogSurvivesARestartAndIsTrusted() throws IOException {
    generate(6);
    Query query = parse("host " + busiestHost());
    List<Packet> first = query(new LocalStore(options(store), LocalStore.daemonThreads()), query, new ScanCounters());
    Path catalog = store.resolve(".docket-catalog");
    List<String> lines = Files.readAllLines(catalog);
    assertThat(lines.get(0)).isEqualTo(CatalogFile.HEADER);
    assertThat(lines).hasSize(2 + files.size());
    FileTime written = Files.getLastModifiedTime(catalog);

    // A new store object (a restart) reads the catalog and rewrites nothing when nothing changed.
    assertThat(query(new LocalStore(options(store), LocalStore.daemonThreads()), query, new ScanCounters())).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(catalog)).isEqualTo(written);
    assertThat(Files.readAllLines(catalog)).isEqualTo(lines);

    // It trusts the catalog for files whose size and time are unchanged: a file zeroed behind its
    // back keeps its cataloged time range, so a window outside that range never opens it.
    FileTime modified = Files.getLastModifiedTime(files.get(0));
    Files.write(files.get(0), new byte[(int) Files.size(files.get(0))]);
    Files.setLastModifiedTime(files.get(0), modified);
    ScanCounters counters = new ScanCounters();
    query(new LocalStore(options(store), LocalStore.daemonThreads()), parse("after 2024-06-03T09:02:00Z"), counters);
    assertThat(counters.status().units()).isEqualTo(files.size() - 2);
    assertThat(counters.status().warnings()).isEmpty();
  }

  @Test
  void aFileBeingWrittenIsReadToItsLastCompleteRecordThenFromThereAsItGrows() throws IOException {
    generate(4);
    Path live = files.get(3);
    byte[] whole = Files.readAllBytes(live);
    int cut = whole.length / 2 + 7; // mid-record, almost surely
    Files.write(live, Arrays.copyOf(whole, cut));
    ageInOrder(files);
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    Query everything = parse("ip or not ip");

    ScanCounters counters = new ScanCounters();
    List<Packet> partial = query(local, everything, counters);
    assertThat(partial).isEqualTo(expected(files, everything)); // the cut file's packets up to the cut
    assertThat(counters.status().warnings()).as("the newest file is being written: no damage").isEmpty();
    CatalogEntry cataloged = entry(live);
    assertThat(cataloged.stop()).isEqualTo(ReadStop.PARTIAL);
    assertThat(cataloged.end()).isLessThanOrEqualTo(cut);

    Files.write(live, Arrays.copyOfRange(whole, cut, whole.length), StandardOpenOption.APPEND);
    counters = new ScanCounters();
    assertThat(query(local, everything, counters)).isEqualTo(expected(files, everything));
    assertThat(counters.status().warnings()).isEmpty();
    CatalogEntry grown = entry(live);
    assertThat(grown.stop()).isEqualTo(ReadStop.END);
    assertThat(grown.end()).isEqualTo(whole.length);
    assertThat(grown.packets()).isEqualTo(expected(List.of(live), everything).size());
    // The index grew with it: a selective query still reads only what may match, and all of it.
    Query selective = parse("host " + quietHost());
    counters = new ScanCounters();
    assertThat(query(local, selective, counters)).isNotEmpty().isEqualTo(expected(files, selective));
    assertThat(counters.status().bytesRead()).isLessThan(totalSize(files) / 4);
  }

  @Test
  void aCutFileThatIsNoLongerWrittenIsReportedAsDamage() throws IOException {
    generate(4);
    Path cutShort = files.get(1);
    byte[] whole = Files.readAllBytes(cutShort);
    Files.write(cutShort, Arrays.copyOf(whole, whole.length - 5));
    ageInOrder(files);
    ScanCounters counters = new ScanCounters();
    Query everything = parse("ip or not ip");
    assertThat(query(new LocalStore(options(store), LocalStore.daemonThreads()), everything, counters)).isEqualTo(expected(files, everything));
    assertThat(counters.status().warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(cutShort + ": corrupt at byte ")
        .contains("truncated record");
  }

  @Test
  void recordsAppendedWhileAQueryRunsAreLeftForTheNextQuery() throws IOException {
    generate(3);
    Path later = scratch.resolve("later");
    List<Path> laterFiles = GeneratedStore.write(later, 9, GeneratedStore.START.plusSeconds(180), 1, RATE);
    byte[] appended = Arrays.copyOfRange(Files.readAllBytes(laterFiles.get(0)), 24, (int) Files.size(laterFiles.get(0)));
    Query everything = parse("ip or not ip");
    List<Packet> before = expected(files, everything);
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());

    List<Packet> answer = new ArrayList<>();
    try (PacketStream stream = local.open(QueryPlanner.plan(everything, local.features()), new ScanCounters())) {
      assertThat(stream.next()).isTrue();
      answer.add(Packet.of(stream.packet()));
      Files.write(files.get(2), appended, StandardOpenOption.APPEND);
      answer.addAll(StorePackets.drain(stream));
    }
    assertThat(answer).isEqualTo(before);

    List<Packet> after = query(local, everything, new ScanCounters());
    assertThat(after).hasSize(before.size() + expected(laterFiles, everything).size()).isEqualTo(expected(files, everything));
  }

  @Test
  void aFileDeletedBetweenCatalogAndReadIsSkippedWithAWarning() throws IOException {
    generate(10);
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    Query query = parse("tcp");
    ScanCounters counters = new ScanCounters();
    List<Packet> answer;
    Path rotatedAway = files.get(8);
    try (PacketStream stream = local.open(QueryPlanner.plan(query, local.features()), counters)) {
      Files.delete(rotatedAway); // cataloged, not yet opened
      answer = StorePackets.drain(stream);
    }
    List<Path> rest = new ArrayList<>(files);
    rest.remove(rotatedAway);
    assertThat(answer).isEqualTo(expected(rest, query));
    assertThat(counters.status().warnings()).containsExactly(rotatedAway + ": vanished before it was read (rotated away?); skipped");
    assertThat(Files.readAllLines(store.resolve(".docket-catalog"))).anyMatch(line -> line.startsWith(rotatedAway.getFileName().toString()));

    Path index = indexOf(rotatedAway);
    assertThat(index).isRegularFile();
    query(local, query, new ScanCounters());
    assertThat(Files.readAllLines(store.resolve(".docket-catalog"))).noneMatch(line -> line.startsWith(rotatedAway.getFileName().toString()));
    assertThat(index).doesNotExist();
  }

  @Test
  void damagedAndUnreadableFilesAreReportedAndTheRestReturned() throws IOException {
    generate(5);
    Path damaged = store.resolve("dump-damaged.pcap");
    byte[] bytes = Files.readAllBytes(files.get(2));
    int record = secondRecordOffset(bytes);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(record + 8, -1); // captured length 4 GiB
    Files.write(damaged, bytes);
    Path foreign = store.resolve("dump-foreign.pcap");
    Files.write(foreign, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 9, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    Files.writeString(store.resolve("eve.json"), "{\"event_type\":\"alert\"}\n"); // not a capture: ignored

    Query everything = parse("ip or not ip");
    ScanCounters counters = new ScanCounters();
    List<Path> all = new ArrayList<>(files);
    all.add(damaged);
    all.sort(Comparator.comparing(LocalStoreTest::firstTimestamp).thenComparing(Comparator.naturalOrder()));
    assertThat(query(new LocalStore(options(store), LocalStore.daemonThreads()), everything, counters)).isEqualTo(expected(all, everything));
    assertThat(counters.status().warnings())
        .containsExactlyInAnyOrder(
            damaged + ": corrupt at byte " + record + ": captured length 4294967295 exceeds the maximum of 262144",
            foreign + ": corrupt at byte 4: unsupported pcap version 9.9");
  }

  @Test
  void directoriesThatOverlapInTimeAreMergedPacketByPacket() throws IOException {
    Path sensorA = scratch.resolve("sensor-a");
    Path sensorB = scratch.resolve("sensor-b");
    List<Path> all = new ArrayList<>(GeneratedStore.write(sensorA, 1, GeneratedStore.START, 4, RATE));
    all.addAll(GeneratedStore.write(sensorB, 2, GeneratedStore.START.plusSeconds(20), 4, RATE));
    all.sort(Comparator.comparing(LocalStoreTest::firstTimestamp).thenComparing(Comparator.naturalOrder()));
    LocalStore local = new LocalStore(options(sensorA, sensorB).withParallelism(3), LocalStore.daemonThreads());
    for (String text : List.of("ip or not ip", "udp", "after 2024-06-03T09:01:10Z and before 2024-06-03T09:02:10Z")) {
      Query query = parse(text);
      assertThat(query(local, query, new ScanCounters())).as(text).isNotEmpty().isEqualTo(expected(all, query));
    }
  }

  @Test
  void gzipAndPcapngFilesAreReadToo() throws IOException {
    generate(4);
    Path gzipped = store.resolve(files.get(1).getFileName() + ".gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      Files.copy(files.get(1), out);
    }
    Files.delete(files.get(1));
    Path pcapng = store.resolve("dump-next.pcapng");
    try (CaptureReader reader = CaptureReader.open(files.get(2));
        PcapngWriter writer = PcapngWriter.create(Files.newOutputStream(pcapng))) {
      while (reader.next()) {
        writer.write(reader.packet());
      }
    }
    Files.delete(files.get(2));
    List<Path> now = List.of(files.get(0), gzipped, pcapng, files.get(3));
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    for (String text : List.of("ip or not ip", "after 2024-06-03T09:01:30Z and before 2024-06-03T09:02:30Z and tcp")) {
      Query query = parse(text);
      ScanCounters counters = new ScanCounters();
      assertThat(query(local, query, counters)).as(text).isNotEmpty().isEqualTo(expected(now, query));
      assertThat(counters.status().warnings()).isEmpty();
    }
    assertThat(entry(gzipped).kind()).isEqualTo(FileKind.GZIP);
    assertThat(entry(pcapng).kind()).isEqualTo(FileKind.PCAPNG);
  }

  @Test
  void closingTheStreamFromAnotherThreadCancelsTheQuery() throws Exception {
    generate(10);
    LocalStore local = new LocalStore(options(store), LocalStore.daemonThreads());
    ScanCounters counters = new ScanCounters();
    PacketStream stream = local.open(QueryPlanner.plan(parse("ip or not ip"), local.features()), counters);
    CountDownLatch firstPacket = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                long packets = stream.next() ? 1 : 0;
                firstPacket.countDown();
                cancelled.await();
                while (stream.next()) {
                  packets++;
                }
                outcome.set(packets);
              } catch (Exception failure) {
                outcome.set(failure);
              }
            });
    reader.start();
    firstPacket.await();
    stream.close();
    cancelled.countDown();
    reader.join();
    assertThat(outcome.get()).isInstanceOf(Long.class);
    assertThat((Long) outcome.get()).isLessThan(expected(files, parse("ip or not ip")).size());
    assertThat(counters.status().warnings()).isEmpty();
  }

  @Test
  void everyThreadComesFromTheGivenFactoryAndEndsWhenTheStreamIsClosed() throws Exception {
    generate(6);
    List<Thread> made = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, "test-store-" + made.size());
          thread.setDaemon(true);
          made.add(thread);
          return thread;
        };
    LocalStore local = new LocalStore(options(store).withParallelism(3), threads);
    Query everything = parse("ip or not ip");
    List<Packet> answer;
    try (PacketStream stream = local.open(QueryPlanner.plan(everything, local.features()), new ScanCounters())) {
      answer = StorePackets.drain(stream);
    }
    assertThat(answer).isEqualTo(expected(files, everything));
    assertThat(made).isNotEmpty().hasSizeLessThanOrEqualTo(3).noneMatch(Thread::isAlive);
  }

  /** Where the store keeps the index of {@code file}, one of its top-level captures. */
  private Path indexOf(Path file) {
    return store.resolve(".docket-catalog.index").resolve(file.getFileName() + ".index");
  }

  private CatalogEntry entry(Path file) throws IOException {
    return CatalogFile.read(store.resolve(".docket-catalog")).orElseThrow().stream()
        .filter(entry -> entry.path().equals(file.getFileName().toString()))
        .findFirst()
        .orElseThrow();
  }

  private static long totalSize(List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    return total;
  }

  private static int secondRecordOffset(byte[] pcap) {
    int firstLength = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN).getInt(24 + 8);
    return 24 + 16 + firstLength;
  }

  private static long firstTimestamp(Path file) {
    try (CaptureReader reader = CaptureReader.open(file)) {
      return reader.next() ? reader.packet().timestampNanos() : Long.MIN_VALUE;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
