package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketStream;
import dev.docket.pcap.CaptureReader;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.QueryParser;
import dev.docket.source.ScanProgress;
import dev.docket.store.LocalStore;
import dev.docket.synthetic.SiteTraffic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's store: made up to now from what an earlier run left, grown as the clock runs, and read
 * by a real LocalStore at each step, the newest file growing and new files appearing as on a sensor.
 */
class DemoStoreTest {
  private static final Instant NOON = Instant.parse("2026-12-04T12:00:00Z");
  private static final Duration SPAN = Duration.ofMinutes(10);

  @TempDir Path directory;

  private DemoStore store(String generator) {
    return new DemoStore(directory.resolve("store"), SPAN, generator);
  }

  private List<String> names(DemoStore store) throws IOException {
    return store.minuteFiles().values().stream().map(file -> file.getFileName().toString()).toList();
  }

  /** The timestamps of the demo's traffic of the minute at {@code minute} before {@code until}. */
  private static List<Long> generated(Instant minute, Instant until) {
    List<Long> timestamps = new ArrayList<>();
    long limit = until.getEpochSecond() * 1_000_000_000L + until.getNano();
    try (SiteTraffic traffic = DemoTraffic.minute(minute)) {
      while (traffic.next() && traffic.packet().timestampNanos() < limit) {
        timestamps.add(traffic.packet().timestampNanos() / 1000 * 1000); // the files keep microseconds
      }
    }
    return timestamps;
  }

  private static List<Long> read(Path file) throws IOException {
    List<Long> timestamps = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(file)) {
      while (reader.next()) {
        timestamps.add(reader.packet().timestampNanos());
      }
    }
    return timestamps;
  }

  /** What a LocalStore over the directory answers to {@code query}: the packets' timestamps. */
  private List<Long> query(LocalStore store, String query) throws IOException {
    List<Long> timestamps = new ArrayList<>();
    try (PacketStream stream = store.open(QueryPlanner.plan(new QueryParser(Clock.systemUTC()).parse(query), store.features()), ScanProgress.NONE)) {
      while (stream.next()) {
        timestamps.add(stream.packet().timestampNanos());
      }
    }
    return timestamps;
  }

  @Test
  void anEmptyStoreGetsEveryWholeMinuteOfTheSpanNamedAsTcpdumpNamesThem() throws IOException {
    DemoStore store = store("a");
    assertThat(store.fill(NOON.plusSeconds(25))).isEqualTo(new DemoStore.Filled(10, 0, 0));
    assertThat(names(store)).containsExactly(
        "docket-20261204115000.pcap", "docket-20261204115100.pcap", "docket-20261204115200.pcap", "docket-20261204115300.pcap",
        "docket-20261204115400.pcap", "docket-20261204115500.pcap", "docket-20261204115600.pcap", "docket-20261204115700.pcap",
        "docket-20261204115800.pcap", "docket-20261204115900.pcap");
    Instant minute = NOON.minus(Duration.ofMinutes(7)); // 11:53, a minute of the port scan
    assertThat(DemoTraffic.incidents(minute.getEpochSecond() / 60)).isNotEmpty();
    assertThat(read(store.directory().resolve("docket-20261204115300.pcap"))).isEqualTo(generated(minute, minute.plusSeconds(60)));
    try (var listed = Files.list(store.directory())) {
      assertThat(listed.filter(file -> file.toString().endsWith(".partial"))).isEmpty();
    }
  }

  @Test
  void aStoreLeftByAnEarlierRunIsBroughtUpToNowAndItsNewestFileIsMadeAgain() throws IOException {
    DemoStore store = store("a");
    store.fill(NOON);
    Path newest = store.directory().resolve("docket-20261204115900.pcap");
    Files.write(newest, java.util.Arrays.copyOf(Files.readAllBytes(newest), 1000)); // the earlier run stopped mid-minute
    // Four minutes later: four fall out of the span, four are made, and the cut one is made again.
    assertThat(store.fill(NOON.plus(Duration.ofMinutes(4)).plusSeconds(5))).isEqualTo(new DemoStore.Filled(5, 5, 4));
    assertThat(names(store)).first().isEqualTo("docket-20261204115400.pcap");
    assertThat(names(store)).last().isEqualTo("docket-20261204120300.pcap");
    assertThat(names(store)).hasSize(10);
    assertThat(read(newest)).isEqualTo(generated(NOON.minusSeconds(60), NOON));
  }

  @Test
  void aStoreOfAnotherGeneratorIsMadeAgainWhole() throws IOException {
    store("a").fill(NOON);
    Files.writeString(store("a").directory().resolve(".docket-catalog"), "stale");
    assertThat(store("b").fill(NOON)).isEqualTo(new DemoStore.Filled(10, 0, 10));
    assertThat(store("b").directory().resolve(".docket-catalog")).doesNotExist();
    assertThat(store("b").fill(NOON.plusSeconds(30))).isEqualTo(new DemoStore.Filled(1, 9, 0)); // the newest made again
  }

  @Test
  void theNewestFileGrowsAsTheClockRunsAndALocalStoreSeesEveryStep() throws IOException {
    LocalStore local = LocalStore.of(directory.resolve("store"));
    try (DemoStore store = store("a")) {
      store.fill(NOON.plusSeconds(20));
      String lastMinute = "after 2026-12-04T12:00:00Z";
      store.append(NOON.plusSeconds(20));
      assertThat(query(local, lastMinute)).isEqualTo(generated(NOON, NOON.plusSeconds(20))).isNotEmpty();
      store.append(NOON.plusSeconds(45)); // the same file, grown: the catalog reads on from where it stopped
      assertThat(query(local, lastMinute)).isEqualTo(generated(NOON, NOON.plusSeconds(45)));
      store.append(NOON.plusSeconds(70)); // the minute ended: its file is finished, and the next one begun
      List<Long> expected = new ArrayList<>(generated(NOON, NOON.plusSeconds(60)));
      expected.addAll(generated(NOON.plusSeconds(60), NOON.plusSeconds(70)));
      assertThat(query(local, lastMinute)).isEqualTo(expected);
      assertThat(names(store)).last().isEqualTo("docket-20261204120100.pcap");
      assertThat(query(local, "after 2026-12-04T11:50:00Z")).hasSizeGreaterThan(expected.size() * 10);
    }
  }

  @Test
  void minutesMissedWhileTheClockJumpedAreMadeWholeAndTheOldestDropped() throws IOException {
    try (DemoStore store = store("a")) {
      store.fill(NOON);
      store.append(NOON.plusSeconds(10));
      store.append(NOON.plus(Duration.ofMinutes(3)).plusSeconds(30)); // a suspended laptop wakes
      assertThat(names(store)).hasSize(11).first().isEqualTo("docket-20261204115300.pcap");
      assertThat(names(store)).last().isEqualTo("docket-20261204120300.pcap");
      assertThat(read(store.directory().resolve("docket-20261204120100.pcap"))).isEqualTo(generated(NOON.plusSeconds(60), NOON.plusSeconds(120)));
      assertThat(read(store.directory().resolve("docket-20261204120000.pcap"))).isEqualTo(generated(NOON, NOON.plusSeconds(60)));
    }
  }
}
