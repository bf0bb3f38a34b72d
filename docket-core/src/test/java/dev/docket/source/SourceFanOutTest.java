package dev.docket.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Multiset;
import dev.docket.filter.FilteredStream;
import dev.docket.filter.PacketFilter;
import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapWriter;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out over real streams of generated captures: the merged result is exactly the query's
 * packets from every source in time order, whatever each source evaluates itself; a source that
 * fails (at open or midway) keeps what it sent and is reported by name; closing early stops every
 * source's thread.
 */
class SourceFanOutTest {
  private static final Instant START = Instant.parse("2024-06-03T09:00:00Z");
  private static final QueryParser PARSER = new QueryParser(Clock.fixed(START, ZoneOffset.UTC));

  @TempDir static Path directory;
  private static Path north;
  private static Path south;

  private final List<Thread> started = new CopyOnWriteArrayList<>();
  private final ThreadFactory threads =
      runnable -> {
        Thread thread = new Thread(runnable, "fan-out-test");
        thread.setDaemon(true);
        started.add(thread);
        return thread;
      };

  @BeforeAll
  static void writeCaptures() throws IOException {
    // Four and three seconds at 10,000 packets a second, overlapping from 0.7 s.
    north = write("north.pcap", new CraftedTraffic(1, START, 10_000), 40_000);
    south = write("south.pcap", new CraftedTraffic(2, START.plusMillis(700), 10_000), 30_000);
  }

  private static Path write(String name, CraftedTraffic traffic, int packets) throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        PcapWriter writer = PcapWriter.create(out, 1)) {
      for (int i = 0; i < packets && traffic.next(); i++) {
        writer.write(traffic.packet());
      }
    }
    return file;
  }

  @Test
  void mergesExactlyTheQueryPacketsOfEverySourceInTimeOrder() throws IOException {
    Query query = PARSER.parse("(tcp and not port 443) or src net 10.2.0.0/16 and after 2024-06-03T09:00:01Z and before 2024-06-03T09:00:03.5Z");
    // One source evaluates nothing itself, the other everything: the fan-out's result is the same.
    List<PacketSource> sources =
        List.of(new FileSource("north", north, Set.of()), new FileSource("south", south, Set.of(QueryFeature.values())));

    try (FanOutStream result = new SourceFanOut(threads).open(query, sources, ResultLimit.NONE, ScanProgress.NONE)) {
      assertThat(packets(result)).containsExactlyElementsOf(expected(query, north, south));
      assertThat(result.failures()).isEmpty();
      assertThat(result.outcomes()).extracting(SourceOutcome::source).containsExactly("north", "south");
    }
  }

  @Test
  void theProgressCountsTheMatchesNotWhatTheSourcesSent() throws IOException {
    Query query = PARSER.parse("tcp and not port 443 and after 2024-06-03T09:00:01Z");
    // Sources that evaluate nothing send every packet; the matches are what the residual keeps.
    for (List<Path> files : List.of(List.of(north), List.of(north, south))) {
      List<PacketSource> sources = files.stream().map(file -> (PacketSource) new FileSource(file.getFileName().toString(), file, Set.of())).toList();
      ScanCounters counters = new ScanCounters();
      try (FanOutStream result = new SourceFanOut(threads).open(query, sources, ResultLimit.NONE, counters)) {
        List<Record> answer = packets(result);
        assertThat(answer).isNotEmpty().hasSize(expected(query, files.toArray(Path[]::new)).size());
        assertThat(counters.status().matched()).as("%s sources", files.size()).isEqualTo(answer.size());
      }
    }
  }

  @Test
  void aSourceThatCannotOpenIsReportedAndTheOthersAnswer() throws IOException {
    Query query = PARSER.parse("udp");
    PacketSource refusing = refusing("sensor-2");

    try (FanOutStream result =
        new SourceFanOut(threads).open(query, List.of(new FileSource("sensor-1", north, Set.of()), refusing), ResultLimit.NONE, ScanProgress.NONE)) {
      assertThat(packets(result)).containsExactlyElementsOf(expected(query, north));
      assertThat(result.failures())
          .extracting(SourceException::getMessage)
          .containsExactly("sensor-2: connection refused by 10.0.0.5:1234; is Stenographer running?");
    }
  }

  @Test
  void aSourceCutShortKeepsWhatItSentAndIsReported() throws IOException {
    Query query = PARSER.parse("tcp");
    PacketSource cut = cutShort("sensor-2");

    try (FanOutStream result =
        new SourceFanOut(threads).open(query, List.of(new FileSource("sensor-1", north, Set.of()), cut), ResultLimit.NONE, ScanProgress.NONE)) {
      List<Record> merged = packets(result);
      // What is left after taking out every packet of sensor-1 is what sensor-2 sent before it failed.
      // (As a multiset: a list's containsAll compares every pair, minutes for these 50,000 packets.)
      Multiset<Record> fromSensor2 = HashMultiset.create(merged);
      List<Record> missing = expected(query, north).stream().filter(record -> !fromSensor2.remove(record)).toList();
      assertThat(missing).as("sensor-1's packets missing from the result").isEmpty();
      assertThat(fromSensor2.size()).isBetween(1, 1_000);
      assertThat(result.outcomes().get(1).packets()).isEqualTo(fromSensor2.size());
      assertThat(result.failures())
          .extracting(SourceException::getMessage)
          .containsExactly("sensor-2: connection reset");
    }
  }

  @Test
  void aLimitStopsEachSourceAfterThePacketThatReachesIt() throws IOException {
    Query query = PARSER.parse("ip or not ip");
    try (FanOutStream result =
        new SourceFanOut(threads).open(query, List.of(new FileSource("north", north, Set.of()), new FileSource("south", south, Set.of())), new ResultLimit(123, Long.MAX_VALUE), ScanProgress.NONE)) {
      assertThat(packets(result)).hasSize(2 * 123);
    }
  }

  @Test
  void closingEarlyStopsEverySourceThread() throws Exception {
    Query query = PARSER.parse("ip or not ip");
    try (FanOutStream result =
        new SourceFanOut(threads).open(query, List.of(new FileSource("north", north, Set.of()), new FileSource("south", south, Set.of())), ResultLimit.NONE, ScanProgress.NONE)) {
      for (int i = 0; i < 10; i++) {
        assertThat(result.next()).isTrue();
      }
    }
    for (Thread thread : started) {
      thread.join(Duration.ofSeconds(10).toMillis());
      assertThat(thread.isAlive()).as(thread.getName()).isFalse();
    }
  }

  @Test
  void oneSourceIsReadOnTheCallersThreadWithTheSameAnswer() throws IOException {
    Query query = PARSER.parse("(tcp and not port 443) or src net 10.2.0.0/16 and after 2024-06-03T09:00:01Z and before 2024-06-03T09:00:03.5Z");
    try (FanOutStream result =
        new SourceFanOut(threads).open(query, List.of(new FileSource("north", north, Set.of())), ResultLimit.NONE, ScanProgress.NONE)) {
      List<Record> answer = packets(result);
      assertThat(answer).isNotEmpty().containsExactlyElementsOf(expected(query, north));
      assertThat(result.failures()).isEmpty();
      assertThat(result.outcomes()).containsExactly(new SourceOutcome("north", answer.size(), java.util.Optional.empty()));
      assertThat(result.currentSource()).isEqualTo("north");
    }
    assertThat(started).as("no thread for a single source").isEmpty();
  }

  @Test
  void oneSourceThatFailsKeepsWhatItSentAndIsReportedNotThrown() throws IOException {
    Query query = PARSER.parse("tcp");
    PacketSource cut = cutShort("sensor-2");
    try (FanOutStream result = new SourceFanOut(threads).open(query, List.of(cut), ResultLimit.NONE, ScanProgress.NONE)) {
      List<Record> answer = packets(result);
      assertThat(answer).hasSizeBetween(1, 1_000).isEqualTo(expected(query, south).subList(0, answer.size()));
      assertThat(result.next()).as("ended for good").isFalse();
      assertThat(result.outcomes().get(0).packets()).isEqualTo(answer.size());
      assertThat(result.failures()).extracting(SourceException::getMessage).containsExactly("sensor-2: connection reset");
    }

    PacketSource refusing = refusing("sensor-3");
    try (FanOutStream result = new SourceFanOut(threads).open(query, List.of(refusing), ResultLimit.NONE, ScanProgress.NONE)) {
      assertThat(result.next()).isFalse();
      assertThat(result.failures())
          .extracting(SourceException::getMessage)
          .containsExactly("sensor-3: connection refused by 10.0.0.5:1234; is Stenographer running?");
    }
  }

  @Test
  void closingOneSourceEarlyClosesItsStreamWithoutAFailure() throws IOException {
    Query query = PARSER.parse("ip or not ip");
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    PacketSource watched = new FileSource("north", north, Set.of()) {
      @Override
      public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
        PacketStream stream = super.open(plan, progress);
        return new ForwardingPacketStream(stream) {
          @Override
          public boolean next() throws IOException {
            return source.next();
          }

          @Override
          public void close() throws IOException {
            closed.set(true);
            super.close();
          }
        };
      }
    };
    FanOutStream result = new SourceFanOut(threads).open(query, List.of(watched), ResultLimit.NONE, ScanProgress.NONE);
    for (int i = 0; i < 10; i++) {
      assertThat(result.next()).isTrue();
    }
    result.close();
    assertThat(closed).isTrue();
    assertThat(result.next()).isFalse();
    assertThat(result.failures()).isEmpty();
    assertThat(result.outcomes().get(0).packets()).isEqualTo(10);
  }

  /** A source over {@code south} that cannot be reached. */
  private static PacketSource refusing(String name) {
    return new FileSource(name, south, Set.of()) {
      @Override
      public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
        throw new SourceException(name(), "connection refused by 10.0.0.5:1234; is Stenographer running?");
      }
    };
  }

  /** A source over {@code south} whose answer is cut after 1,000 packets, as by a reset connection. */
  private static PacketSource cutShort(String name) {
    return new FileSource(name, south, Set.of()) {
      @Override
      public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
        return new FailingAfter(super.open(plan, progress), 1_000);
      }
    };
  }

  /** A packet as compared: source-independent identity by time and bytes. */
  record Record(long timestampNanos, List<Byte> bytes) {
    static Record of(PacketView packet) {
      byte[] bytes = packet.copyBytes();
      List<Byte> list = new ArrayList<>(bytes.length);
      for (byte b : bytes) {
        list.add(b);
      }
      return new Record(packet.timestampNanos(), list);
    }

    @Override
    public String toString() {
      return timestampNanos + ":" + Arrays.toString(bytes.toArray());
    }
  }

  private static List<Record> packets(PacketStream stream) throws IOException {
    List<Record> records = new ArrayList<>();
    while (stream.next()) {
      records.add(Record.of(stream.packet()));
    }
    return records;
  }

  /** Every file's matching packets, in time order, earlier files first on ties: a stable sort. */
  private static List<Record> expected(Query query, Path... files) throws IOException {
    PacketFilter filter = PacketFilter.compile(query);
    List<Record> records = new ArrayList<>();
    for (Path file : files) {
      try (CaptureReader reader = CaptureReader.open(file)) {
        while (reader.next()) {
          if (filter.matches(reader.packet())) {
            records.add(Record.of(reader.packet()));
          }
        }
      }
    }
    records.sort(Comparator.comparingLong(Record::timestampNanos));
    return ImmutableList.copyOf(records);
  }

  /** A capture file as a source that evaluates {@code features} of each plan's native query itself. */
  private static class FileSource implements PacketSource {
    private final String name;
    private final Path file;
    private final Set<QueryFeature> features;

    FileSource(String name, Path file, Set<QueryFeature> features) {
      this.name = name;
      this.file = file;
      this.features = features;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<QueryFeature> features() {
      return features;
    }

    @Override
    public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
      try {
        PacketStream all = CaptureReader.open(file);
        // Only the native query: the fan-out must apply the residual filter.
        return plan.nativeQuery().isEmpty()
            ? all
            : new FilteredStream(all, PacketFilter.compile(plan.nativeQuery().get()));
      } catch (IOException e) {
        throw new SourceException(name, e.getMessage(), e);
      }
    }
  }

  /** A stream whose connection drops after {@code count} packets. */
  private static final class FailingAfter extends ForwardingPacketStream {
    private int left;

    FailingAfter(PacketStream source, int count) {
      super(source);
      this.left = count;
    }

    @Override
    public boolean next() throws IOException {
      if (left-- == 0) {
        throw new IOException("connection reset");
      }
      return source.next();
    }
  }
}
