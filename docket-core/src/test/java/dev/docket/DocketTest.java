package dev.docket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.docket.filter.FilteredStream;
import dev.docket.filter.PacketFilter;
import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.LinkType;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.query.IpAddress;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.PacketSource;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import dev.docket.source.SourceOutcome;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.ExternalTool;
import dev.docket.testing.FrameBuilder;
import dev.docket.testing.SmallDisk;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front door over real capture files and a real store directory: what a run writes is exactly
 * the query's packets of every source merged in time order, a file appears only when the run
 * succeeds, a failing source is named and the others' packets kept, the output format's limits are
 * errors that name the output, and every thread a run takes from its factory has ended when it
 * returns, however it ended.
 *
 * <p>The hang guards ({@link Timeout}) are not timings: a run that does not return would otherwise
 * hang the build, and the guard turns that into a failure.
 */
class DocketTest {
  private static final Instant START = Instant.parse("2024-06-03T09:00:00Z");
  private static final long START_MICROS = START.getEpochSecond() * 1_000_000;
  private static final QueryParser PARSER = new QueryParser(Clock.fixed(START, ZoneOffset.UTC));
  /**
   * Two packets in three (TCP port 80 and UDP port 53, not UDP port 123) but those to one host: a
   * source that evaluates no {@code not} and no {@code dst} is sent a superset, which the residual
   * filter trims.
   */
  private static final Query QUERY = PARSER.parse("(port 53 or port 80) and not dst host 10.9.0.7");

  @TempDir static Path captures;
  private static Path north;
  private static Path south;
  /** South's times exactly: every packet ties with one of south's. */
  private static Path east;
  private static Path rawLink;
  private static Path store;

  @TempDir Path out;

  private final List<Thread> threadsMade = new CopyOnWriteArrayList<>();
  private final ThreadFactory threads =
      runnable -> {
        Thread thread = new Thread(runnable, "docket-test-" + threadsMade.size());
        thread.setDaemon(true);
        threadsMade.add(thread);
        return thread;
      };
  private final AtomicInteger streamsOpened = new AtomicInteger();
  private final AtomicInteger streamsClosed = new AtomicInteger();

  @BeforeAll
  static void writeCaptures() throws IOException {
    north = write(captures.resolve("north.pcap"), LinkType.ETHERNET, 1, START_MICROS, 1000, 600, 0);
    south = write(captures.resolve("south.pcap"), LinkType.ETHERNET, 2, START_MICROS + 250, 700, 800, 0);
    east = write(captures.resolve("east.pcap"), LinkType.ETHERNET, 3, START_MICROS + 250, 700, 500, 0);
    rawLink = write(captures.resolve("raw.pcap"), LinkType.RAW, 4, START_MICROS + 100, 1000, 300, 0);
    // A store of two rotated files, as tcpdump -G leaves them, the second beginning where the first ends.
    store = Files.createDirectories(captures.resolve("store"));
    write(store.resolve("sensor-5.0900.pcap"), LinkType.ETHERNET, 5, START_MICROS + 10, 900, 400, 0);
    write(store.resolve("sensor-5.0901.pcap"), LinkType.ETHERNET, 5, START_MICROS + 10 + 400 * 900, 900, 400, 0);
  }

  @Test
  void aRunToAFileHoldsTheQueryPacketsOfEverySourceMergedInTimeOrder() throws IOException {
    Path result = out.resolve("incident.pcap");
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south), file("east", east), store("sensor-5"));

    QueryResult run = docket.run(QUERY, CaptureSink.toFile(result));

    List<Record> expected = expected(QUERY, List.of(north), List.of(south), List.of(east), storeFiles());
    assertThat(read(result)).hasSize(expected.size()).containsExactlyElementsOf(expected);
    assertThat(run.status()).isEqualTo(QueryResult.Status.COMPLETE);
    assertThat(run.packets()).isEqualTo(expected.size());
    assertThat(run.problems()).isEmpty();
    assertThat(run.sources())
        .extracting(SourceOutcome::source, SourceOutcome::packets)
        .containsExactly(
            tuple("north", count(QUERY, north)),
            tuple("south", count(QUERY, south)),
            tuple("east", count(QUERY, east)),
            tuple("sensor-5", storeFiles().stream().mapToLong(file -> count(QUERY, file)).sum()));
    assertThat(run.scan().matched()).isEqualTo(expected.size());
    assertNothingLeftBeside(result);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aListenerSeesEachSourcesProgressApartAndEveryPacketWritten() throws IOException {
    Path result = out.resolve("watched.pcap");
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south), store("sensor-5"));
    java.util.Map<String, dev.docket.source.ScanCounters> bySource = new java.util.concurrent.ConcurrentHashMap<>();
    List<Long> written = new CopyOnWriteArrayList<>();
    RunListener listener =
        new RunListener() {
          @Override
          public ScanProgress progressOf(PacketSource source) {
            return bySource.computeIfAbsent(source.name(), name -> new dev.docket.source.ScanCounters());
          }

          @Override
          public void written(PacketView packet) {
            written.add(packet.timestampNanos());
          }
        };

    QueryResult run = docket.prepare(QUERY, CaptureSink.toFile(result), listener).call();

    assertThat(written).containsExactlyElementsOf(read(result).stream().map(Record::timestampNanos).toList());
    for (SourceOutcome outcome : run.sources()) {
      assertThat(bySource.get(outcome.source()).status().matched()).as(outcome.source()).isEqualTo(outcome.packets());
    }
    // The store tells its files and bytes; the plain files read through the fan-out tell matches only.
    assertThat(bySource.get("sensor-5").status().units()).isEqualTo(2);
    assertThat(bySource.get("sensor-5").status().bytesRead()).isEqualTo(storeFiles().stream().mapToLong(file -> file.toFile().length()).sum());
  }

  @Test
  void aFinishedRunKeepsWhatItWroteAndSaysWhyItStopped() throws IOException {
    Path result = out.resolve("finished.pcap");
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south));
    QueryRun[] run = new QueryRun[1];
    AtomicInteger seen = new AtomicInteger();
    run[0] =
        docket.prepare(
            QUERY,
            CaptureSink.toFile(result),
            new RunListener() {
              @Override
              public void written(PacketView packet) {
                if (seen.incrementAndGet() == 25) {
                  run[0].finish("stopped at the limit of 25 packets");
                }
              }
            });

    QueryResult finished = run[0].call();

    assertThat(finished.status()).isEqualTo(QueryResult.Status.PARTIAL);
    assertThat(finished.packets()).isEqualTo(25);
    assertThat(finished.warnings()).containsExactly("stopped at the limit of 25 packets");
    assertThat(finished.failures()).as("a stopped source has not failed").isEmpty();
    assertThat(read(result)).containsExactlyElementsOf(expected(QUERY, List.of(north), List.of(south)).subList(0, 25));
    assertNothingLeftBeside(result);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aRunOfEverythingIsMergecapsMerge() throws IOException, InterruptedException {
    Path mergecap = ExternalTool.require("mergecap", "wireshark-common");
    Path ours = out.resolve("ours.pcap");
    Path theirs = out.resolve("theirs.pcap");

    QueryResult run = docket(OutputFormat.PCAP, file("north", north), file("south", south)).runAll(CaptureSink.toFile(ours));

    Process process = new ProcessBuilder(mergecap.toString(), "-F", "pcap", "-w", theirs.toString(), north.toString(), south.toString())
        .redirectErrorStream(true)
        .start();
    String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(said).isZero();
    assertThat(run.status()).isEqualTo(QueryResult.Status.COMPLETE);
    assertThat(read(ours)).containsExactlyElementsOf(read(theirs));
  }

  @Test
  void toPacketsHandsTheSamePacketsInTimeOrder() throws IOException {
    List<Record> handed = new ArrayList<>();
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south), store("sensor-5"));

    QueryResult run = docket.run(QUERY, CaptureSink.toPackets((packet, interfaceId) -> handed.add(Record.of(packet))));

    assertThat(handed).containsExactlyElementsOf(expected(QUERY, List.of(north), List.of(south), storeFiles()));
    assertThat(run.status()).isEqualTo(QueryResult.Status.COMPLETE);
    assertThat(run.packets()).isEqualTo(handed.size());
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aRunToAStreamWritesTheSameCapture() throws IOException {
    Path fromFile = out.resolve("file.pcap");
    Path fromStream = out.resolve("stream.pcap");
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south));

    docket.run(QUERY, CaptureSink.toFile(fromFile));
    try (OutputStream stream = Files.newOutputStream(fromStream)) {
      docket.run(QUERY, CaptureSink.toStream(stream, "the test's stream"));
    }

    assertThat(Files.readAllBytes(fromStream)).isEqualTo(Files.readAllBytes(fromFile));
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void dedupeKeepsOneOfThePacketsTwoTapsRecorded() throws IOException {
    Path result = out.resolve("incident.pcap");
    // Two taps on one link: the same packets, from two sources.
    Docket twoTaps = Docket.builder().sources(List.of(file("tap-1", north), file("tap-2", north), file("south", south))).threads(threads).dedupe(true).build();

    QueryResult run = twoTaps.run(QUERY, CaptureSink.toFile(result));

    assertThat(read(result)).containsExactlyElementsOf(expected(QUERY, List.of(north), List.of(south)));
    assertThat(run.packets()).isEqualTo(count(QUERY, north) + count(QUERY, south));
    assertThat(run.sources()).extracting(SourceOutcome::packets).containsExactly(count(QUERY, north), count(QUERY, north), count(QUERY, south));
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aLimitStopsEachSourceAfterThePacketThatReachesIt() throws IOException {
    List<Record> handed = new ArrayList<>();
    Docket limited = Docket.builder()
        .sources(List.of(file("north", north), file("south", south)))
        .threads(threads)
        .limit(new ResultLimit(100, Long.MAX_VALUE))
        .build();

    QueryResult run = limited.runAll(CaptureSink.toPackets((packet, interfaceId) -> handed.add(Record.of(packet))));

    assertThat(handed).containsExactlyElementsOf(merged(List.of(read(north).subList(0, 100), read(south).subList(0, 100))));
    assertThat(run.status()).isEqualTo(QueryResult.Status.COMPLETE);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void whenEverySourceFailsNoFileAppearsAndTheRunSaysWhyInOneLine() throws IOException {
    Path result = out.resolve("incident.pcap");

    QueryResult one = docket(OutputFormat.PCAP, refusing("sensor-1")).run(QUERY, CaptureSink.toFile(result));
    assertThat(one.status()).isEqualTo(QueryResult.Status.FAILED);
    assertThat(one.failure()).contains("sensor-1: connection refused by 10.0.0.5:1234; is Stenographer running?");
    assertThat(result).doesNotExist();
    assertNothingLeftBeside(result);

    QueryResult both = docket(OutputFormat.PCAP, refusing("sensor-1"), refusing("sensor-2")).run(QUERY, CaptureSink.toFile(result));
    assertThat(both.status()).isEqualTo(QueryResult.Status.FAILED);
    assertThat(both.failure().orElseThrow())
        .doesNotContain("\n")
        .isEqualTo(
            "every source failed: sensor-1: connection refused by 10.0.0.5:1234; is Stenographer running?; "
                + "sensor-2: connection refused by 10.0.0.5:1234; is Stenographer running?");
    assertThat(both.packets()).isZero();
    assertThat(result).doesNotExist();
    assertNothingLeftBeside(result);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aFailingSourceGivesAPartialResultWithTheOthersPacketsAndItsName() throws IOException {
    Path result = out.resolve("incident.pcap");
    int sent = 90;
    Docket docket = docket(OutputFormat.PCAP, file("north", north), cutAfter("south", south, sent), refusing("sensor-3"));

    QueryResult run = docket.run(QUERY, CaptureSink.toFile(result));

    // South's part is what it sent before the connection dropped: its first 90 packets, trimmed.
    List<Record> southSent = read(south).subList(0, sent).stream().filter(record -> record.matches(QUERY)).toList();
    List<Record> expected = merged(List.of(matching(QUERY, north), southSent));
    assertThat(run.status()).isEqualTo(QueryResult.Status.PARTIAL);
    assertThat(read(result)).containsExactlyElementsOf(expected);
    assertThat(run.packets()).isEqualTo(expected.size());
    assertThat(run.sources().get(1).packets()).isEqualTo(southSent.size());
    assertThat(run.problems())
        .containsExactly("south: connection reset", "sensor-3: connection refused by 10.0.0.5:1234; is Stenographer running?");
    assertThat(run.failure()).isEmpty();
    assertNothingLeftBeside(result);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void pcapngKeepsTwoSourcesInterfaceZeroApart() throws IOException, InterruptedException {
    Path capinfos = ExternalTool.require("capinfos", "wireshark-common");
    Path result = out.resolve("incident.pcapng");

    QueryResult run = docket(OutputFormat.PCAPNG, file("north", north), file("south", south)).run(QUERY, CaptureSink.toFile(result));

    assertThat(run.status()).isEqualTo(QueryResult.Status.COMPLETE);
    Process process = new ProcessBuilder(capinfos.toString(), "-I", result.toString()).redirectErrorStream(true).start();
    String info = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(info).isZero();
    assertThat(info).as(info).containsPattern("Number of interfaces in file: 2\\b");
    // Read back: each source's packets on an interface of their own.
    List<Record> back = new ArrayList<>();
    List<Integer> northInterfaces = new ArrayList<>();
    List<Integer> southInterfaces = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(result)) {
      while (reader.next()) {
        back.add(Record.of(reader.packet()));
        (reader.packet().ipv4Source() == (int) address(1).low() ? northInterfaces : southInterfaces).add(reader.packet().interfaceIndex());
      }
    }
    assertThat(back).containsExactlyElementsOf(expected(QUERY, List.of(north), List.of(south)));
    assertThat(northInterfaces).isNotEmpty().containsOnly(northInterfaces.get(0));
    assertThat(southInterfaces).isNotEmpty().containsOnly(southInterfaces.get(0)).doesNotContain(northInterfaces.get(0));
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void pcapngHoldsMixedLinkTypes() throws IOException {
    Path result = out.resolve("incident.pcapng");

    QueryResult run = docket(OutputFormat.PCAPNG, file("north", north), file("raw", rawLink)).run(QUERY, CaptureSink.toFile(result));

    assertThat(run.status()).isEqualTo(QueryResult.Status.COMPLETE);
    assertThat(read(result)).containsExactlyElementsOf(expected(QUERY, List.of(north), List.of(rawLink)));
  }

  @Test
  void classicPcapRefusesMixedLinkTypesAndLeavesNoFile() throws IOException {
    Path result = out.resolve("incident.pcap");
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("raw", rawLink));

    assertThatThrownBy(() -> docket.run(QUERY, CaptureSink.toFile(result)))
        .isInstanceOf(UnwritablePacketException.class)
        .hasMessage("writing " + result + ": the result mixes link types EN10MB and RAW, and classic pcap holds one");
    assertThat(result).doesNotExist();
    assertNothingLeftBeside(result);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aFullDeviceIsAnOutputExceptionNamingTheOutput() throws IOException {
    Path full = Path.of("/dev/full");
    if (!Files.isWritable(full)) {
      skip("/dev/full is not writable here");
    }
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south));

    assertThatThrownBy(() -> docket.run(QUERY, CaptureSink.toFile(full)))
        .isInstanceOf(OutputException.class)
        .hasMessage("writing /dev/full: no space left on the device; free some space or write elsewhere");
    assertThatThrownBy(() -> docket.run(QUERY, CaptureSink.toStream(new FileOutputStream(full.toFile()), "standard output")))
        .isInstanceOf(OutputException.class)
        .hasMessage("writing standard output: no space left on the device; free some space or write elsewhere");
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aFullDiskIsAnOutputExceptionNamingTheFileAndLeavesNothing() throws Exception {
    Path mount = Files.createDirectory(out.resolve("tiny"));
    try (SmallDisk tiny = SmallDisk.mount(mount, "64k")) {
      Path result = mount.resolve("incident.pcap");
      Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south), file("east", east));

      assertThatThrownBy(() -> docket.run(QUERY, CaptureSink.toFile(result)))
          .isInstanceOf(OutputException.class)
          .hasMessage("writing " + result + ": no space left on the device; free some space or write elsewhere");
      assertThat(result).doesNotExist();
      assertNothingLeftBeside(result);
      assertEveryThreadAndStreamReleased();
    }
  }

  @Test
  @Timeout(60)
  void cancellingBeforeTheRunLeavesNoFile() throws IOException {
    Path result = out.resolve("incident.pcap");
    QueryRun run = docket(OutputFormat.PCAP, file("north", north), file("south", south)).prepare(QUERY, CaptureSink.toFile(result), ScanProgress.NONE);

    run.cancel();
    QueryResult cancelled = run.call();

    assertThat(cancelled.status()).isEqualTo(QueryResult.Status.CANCELLED);
    assertThat(result).doesNotExist();
    assertNothingLeftBeside(result);
    assertEveryThreadAndStreamReleased();
  }

  /**
   * A source blocked in a read that only closing wakes (a socket's read ignores interrupts), as the
   * {@link PacketSource} contract allows: cancelling from another thread must close it, end the run
   * and end its thread.
   */
  @ParameterizedTest(name = "{0} source(s)")
  @ValueSource(ints = {1, 2, 3})
  @Timeout(60)
  void cancellingFromAnotherThreadWhileASourceStallsLeavesNoFileAndEndsEveryThread(int sources) throws Exception {
    Path result = out.resolve("incident.pcap");
    CountDownLatch stalled = new CountDownLatch(1);
    List<PacketSource> list = new ArrayList<>();
    list.add(stallingAfter("stalling", south, 50, stalled));
    if (sources > 1) {
      list.add(file("north", north));
    }
    if (sources > 2) {
      list.add(store("sensor-5"));
    }
    QueryRun run = docket(OutputFormat.PCAP, list.toArray(PacketSource[]::new)).prepare(QUERY, CaptureSink.toFile(result), ScanProgress.NONE);
    Thread canceller = new Thread(() -> {
      try {
        stalled.await();
        run.cancel();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "canceller");
    canceller.start();

    QueryResult cancelled = run.call();
    canceller.join();

    assertThat(cancelled.status()).isEqualTo(QueryResult.Status.CANCELLED);
    assertThat(cancelled.failures()).as("a cancelled source has not failed").isEmpty();
    assertThat(result).doesNotExist();
    assertNothingLeftBeside(result);
    assertEveryThreadAndStreamReleased();
  }

  /**
   * A sensor still connecting when the run is cancelled: the interrupt ends its connecting with an
   * exception of its own, which is the cancel's doing, not a failure of the sensor.
   */
  @Test
  @Timeout(60)
  void cancellingWhileASourceIsStillConnectingIsNoFailureOfIt() throws Exception {
    CountDownLatch connecting = new CountDownLatch(1);
    PacketSource slowToConnect = new FileSource("sensor-2", south, stream -> stream) {
      @Override
      public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
        connecting.countDown();
        try {
          new CountDownLatch(1).await(); // a handshake that never completes
          throw new AssertionError("unreachable");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SourceException("sensor-2", "interrupted while connecting");
        }
      }
    };
    QueryRun run = docket(OutputFormat.PCAP, file("north", north), slowToConnect).prepare(QUERY, CaptureSink.toPackets((packet, id) -> {}), ScanProgress.NONE);
    Thread canceller = new Thread(() -> {
      try {
        connecting.await();
        run.cancel();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "canceller");
    canceller.start();

    QueryResult cancelled = run.call();
    canceller.join();

    assertThat(cancelled.status()).isEqualTo(QueryResult.Status.CANCELLED);
    assertThat(cancelled.failures()).isEmpty();
    assertEveryThreadAndStreamReleased();
  }

  /**
   * Sources that have read far ahead of a slow consumer, their queues full, when the run is
   * cancelled: the run still ends.
   */
  @Test
  @Timeout(60)
  void cancellingWhileTheSourcesAreFarAheadOfTheMergeEndsTheRun() throws Exception {
    Path big = write(out.resolve("big-1.pcap"), LinkType.ETHERNET, 6, START_MICROS, 10, 4000, 1000);
    Path big2 = write(out.resolve("big-2.pcap"), LinkType.ETHERNET, 7, START_MICROS + 5, 10, 4000, 1000);
    List<Thread> readers = new CopyOnWriteArrayList<>();
    PacketSource first = watched("big-1", big, readers);
    PacketSource second = watched("big-2", big2, readers);
    AtomicInteger handed = new AtomicInteger();
    QueryRun[] run = new QueryRun[1];
    PacketConsumer slow = (packet, interfaceId) -> {
      if (handed.getAndIncrement() == 0) {
        // Let both readers fill every batch they may and wait for room, then cancel.
        while (readers.size() < 2 || !readers.stream().allMatch(DocketTest::waiting)) {
          Thread.onSpinWait();
        }
        Thread canceller = new Thread(run[0]::cancel, "canceller");
        canceller.start();
        try {
          canceller.join();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
      }
    };
    run[0] = docket(OutputFormat.PCAP, first, second).prepare(PARSER.parse("ip"), CaptureSink.toPackets(slow), ScanProgress.NONE);

    QueryResult cancelled = run[0].call();

    assertThat(cancelled.status()).isEqualTo(QueryResult.Status.CANCELLED);
    assertThat(handed.get()).as("packets handed after the cancel").isLessThan(8000);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void anOutputInAMissingDirectoryIsAnOutputExceptionThatSaysSo() throws IOException {
    Path result = out.resolve("no-such-directory").resolve("incident.pcap");
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south));

    assertThatThrownBy(() -> docket.run(QUERY, CaptureSink.toFile(result)))
        .isInstanceOf(OutputException.class)
        .hasMessage("writing " + result + ": the directory " + result.getParent() + " does not exist");
    assertEveryThreadAndStreamReleased();
  }

  /**
   * A stream whose reader stopped reading (an HTTP client that went quiet): cancelling the run must
   * end it, though the bytes already written can never be delivered.
   */
  @Test
  @Timeout(60)
  void cancellingARunWhoseOutputIsStuckEndsIt() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    OutputStream stuck = new OutputStream() {
      private final CountDownLatch closed = new CountDownLatch(1);

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        writing.countDown();
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
        throw new IOException("Stream closed");
      }

      @Override
      public void close() {
        closed.countDown();
      }
    };
    Path big = write(out.resolve("big.pcap"), LinkType.ETHERNET, 6, START_MICROS, 10, 4000, 1000);
    QueryRun run = docket(OutputFormat.PCAP, file("big", big), file("north", north))
        .prepare(PARSER.parse("ip"), CaptureSink.toStream(stuck, "the client"), ScanProgress.NONE);
    Thread canceller = new Thread(() -> {
      try {
        writing.await();
        run.cancel();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "canceller");
    canceller.start();

    QueryResult cancelled = run.call();
    canceller.join();

    assertThat(cancelled.status()).isEqualTo(QueryResult.Status.CANCELLED);
    assertEveryThreadAndStreamReleased();
  }

  @Test
  void aConsumerThatThrowsStopsTheRunWithItsException() {
    Docket docket = docket(OutputFormat.PCAP, file("north", north), file("south", south));

    assertThatThrownBy(() -> docket.run(QUERY, CaptureSink.toPackets((packet, interfaceId) -> {
          throw new IOException("the client went away");
        })))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("the client went away");
    assertEveryThreadAndStreamReleased();
  }

  // ---------------------------------------------------------------------------------------------
  // Sources over the test's capture files

  private Docket docket(OutputFormat format, PacketSource... sources) {
    return Docket.builder().sources(List.of(sources)).threads(threads).format(format).build();
  }

  private PacketSource file(String name, Path capture) {
    return new FileSource(name, capture, stream -> stream);
  }

  private PacketSource store(String name) {
    return new LocalStore(StoreOptions.of(store).withName(name));
  }

  private static List<Path> storeFiles() {
    return List.of(store.resolve("sensor-5.0900.pcap"), store.resolve("sensor-5.0901.pcap"));
  }

  /** A sensor that cannot be reached. */
  private PacketSource refusing(String name) {
    return new FileSource(name, south, stream -> stream) {
      @Override
      public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
        throw new SourceException(name, "connection refused by 10.0.0.5:1234; is Stenographer running?");
      }
    };
  }

  /** A source whose connection drops after {@code count} packets of its stream. */
  private PacketSource cutAfter(String name, Path capture, int count) {
    return new FileSource(name, capture, stream -> new ForwardingPacketStream(stream) {
      private int left = count;

      @Override
      public boolean next() throws IOException {
        if (left-- == 0) {
          throw new IOException("connection reset");
        }
        return source.next();
      }
    });
  }

  /**
   * A source whose stream, after {@code count} packets, blocks in {@code next()} until it is closed
   * from another thread, ignoring interrupts as a socket's read does; {@code stalled} is counted
   * down when it blocks.
   */
  private PacketSource stallingAfter(String name, Path capture, int count, CountDownLatch stalled) {
    return new FileSource(name, capture, stream -> new ForwardingPacketStream(stream) {
      private final CountDownLatch closed = new CountDownLatch(1);
      private int left = count;

      @Override
      public boolean next() throws IOException {
        if (left-- > 0) {
          return source.next();
        }
        stalled.countDown();
        boolean interrupted = false;
        while (true) {
          try {
            closed.await();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("socket closed");
      }

      @Override
      public void close() throws IOException {
        closed.countDown();
        super.close();
      }
    });
  }

  /** A source that notes the thread that reads it. */
  private PacketSource watched(String name, Path capture, List<Thread> readers) {
    return new FileSource(name, capture, stream -> new ForwardingPacketStream(stream) {
      private boolean noted;

      @Override
      public boolean next() throws IOException {
        if (!noted) {
          noted = true;
          readers.add(Thread.currentThread());
        }
        return source.next();
      }
    });
  }

  private static boolean waiting(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TERMINATED;
  }

  /** Wraps a stream, as a source's connection would. */
  private interface Decoration {
    PacketStream decorate(PacketStream stream);
  }

  /**
   * A capture file as a source that evaluates only the simplest features (no {@code not}, no
   * direction: the residual filter does those), counting the streams it opens and closes.
   */
  private class FileSource implements PacketSource {
    private final String name;
    private final Path capture;
    private final Decoration decoration;

    FileSource(String name, Path capture, Decoration decoration) {
      this.name = name;
      this.capture = capture;
      this.decoration = decoration;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<QueryFeature> features() {
      return Set.of();
    }

    @Override
    public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
      CaptureReader reader;
      try {
        reader = CaptureReader.open(capture);
      } catch (IOException e) {
        throw new SourceException(name, e.getMessage() == null ? e.toString() : e.getMessage(), e);
      }
      streamsOpened.incrementAndGet();
      PacketStream counted = new ForwardingPacketStream(reader) {
        private boolean closed;

        @Override
        public boolean next() throws IOException {
          return source.next();
        }

        @Override
        public synchronized void close() throws IOException {
          if (!closed) {
            closed = true;
            streamsClosed.incrementAndGet();
          }
          super.close();
        }
      };
      // The connection (decoration) carries the file's packets; the source evaluates what it can.
      PacketStream sent = decoration.decorate(counted);
      return plan.nativeQuery().isEmpty() ? sent : new FilteredStream(sent, PacketFilter.compile(plan.nativeQuery().get()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Captures and what they hold

  /** A packet as compared: its time and bytes. */
  record Record(long timestampNanos, int linkType, String bytes) {
    static Record of(PacketView packet) {
      return new Record(packet.timestampNanos(), packet.linkType(), HexFormat.of().formatHex(packet.copyBytes()));
    }

    boolean matches(Query query) {
      byte[] data = HexFormat.of().parseHex(bytes);
      PacketView view = new PacketView();
      view.reset(ByteBuffer.wrap(data), 0, data.length, data.length, timestampNanos, linkType, 0);
      return PacketFilter.compile(query).matches(view);
    }

    @Override
    public String toString() {
      return timestampNanos + "/" + linkType + ":" + bytes;
    }
  }

  /**
   * Writes {@code count} packets of host 10.0.{@code host}.1, every {@code stepMicros} from {@code
   * startMicros}: TCP port 80, UDP port 53 and UDP port 123 in turn, each with {@code padding}
   * bytes of payload.
   */
  private static Path write(Path file, int linkType, int host, long startMicros, long stepMicros, int count, int padding) throws IOException {
    try (OutputStream stream = Files.newOutputStream(file);
        PcapWriter writer = PcapWriter.create(stream, linkType, PcapWriter.DEFAULT_SNAP_LENGTH, TimestampPrecision.MICROSECONDS)) {
      for (int i = 0; i < count; i++) {
        FrameBuilder frame = linkType == LinkType.RAW ? FrameBuilder.raw() : FrameBuilder.ethernet();
        frame.ip(address(host), IpAddress.ipv4((10 << 24) | (9 << 16) | (i % 200 + 1)));
        switch (i % 3) {
          case 0 -> frame.tcp(40_000 + i % 20_000, 80);
          case 1 -> frame.udp(50_000 + i % 10_000, 53);
          default -> frame.udp(50_000 + i % 10_000, 123);
        }
        CraftedFrame crafted = frame.pad(padding).build();
        writer.write(crafted.view((startMicros + i * stepMicros) * 1000));
      }
    }
    return file;
  }

  private static IpAddress address(int host) {
    return IpAddress.ipv4((10 << 24) | (host << 8) | 1);
  }

  private static List<Record> read(Path capture) throws IOException {
    List<Record> records = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(capture)) {
      while (reader.next()) {
        records.add(Record.of(reader.packet()));
      }
    }
    return records;
  }

  private static List<Record> matching(Query query, Path capture) throws IOException {
    PacketFilter filter = PacketFilter.compile(query);
    List<Record> records = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(capture)) {
      while (reader.next()) {
        if (filter.matches(reader.packet())) {
          records.add(Record.of(reader.packet()));
        }
      }
    }
    return records;
  }

  private static long count(Query query, Path capture) {
    try {
      return matching(query, capture).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each source's files' matches, merged by time with stable ties: an earlier source first. */
  @SafeVarargs
  private static List<Record> expected(Query query, List<Path>... sources) throws IOException {
    List<List<Record>> parts = new ArrayList<>();
    for (List<Path> files : sources) {
      List<Record> part = new ArrayList<>();
      for (Path file : files) {
        part.addAll(matching(query, file));
      }
      parts.add(part);
    }
    return merged(parts);
  }

  private static List<Record> merged(List<List<Record>> parts) {
    List<Record> all = new ArrayList<>();
    parts.forEach(all::addAll);
    all.sort(Comparator.comparingLong(Record::timestampNanos)); // stable
    return all;
  }

  // ---------------------------------------------------------------------------------------------
  // What a run must leave behind

  /** Nothing but the result itself (if any) beside it: no partial file left over. */
  private static void assertNothingLeftBeside(Path result) throws IOException {
    try (Stream<Path> beside = Files.list(result.getParent())) {
      assertThat(beside.filter(path -> !path.equals(result) && !Files.isDirectory(path)))
          .as("files beside %s", result)
          .isEmpty();
    }
  }

  /** Every thread from the run's factory has ended (no waiting), and every stream opened was closed. */
  private void assertEveryThreadAndStreamReleased() {
    assertThat(threadsMade).as("threads made").isNotEmpty();
    for (Thread thread : threadsMade) {
      assertThat(thread.isAlive()).as("%s alive after the run returned", thread.getName()).isFalse();
    }
    assertThat(streamsClosed.get()).as("streams closed of %s opened", streamsOpened.get()).isEqualTo(streamsOpened.get());
  }

  private static void skip(String reason) {
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
