package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.And;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.query.TimeBound;
import dev.docket.source.FanOutStream;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanCounters;
import dev.docket.source.SourceFanOut;
import dev.docket.stenographer.StenographerTestBed.TestBed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query over both real sensors returns exactly the packets that tcpdump selects, within the
 * window, from what the sensors stored (fetched raw with curl): Stenographer's whole-file time, its
 * missing not and src/dst are all trimmed by Docket, and the two answers merge in time order.
 */
@ExtendWith(StenographerTestBed.class)
class StenographerExactResultsTest {
  /** Relaxed for Stenographer three ways: not, src, and the time window. */
  private static final String QUERY = "(tcp and not port 80) or src host 10.0.0.12 or (host ::1 and src port 80)";
  private static final String BPF = "(tcp and not port 80) or src host 10.0.0.12 or (host ::1 and src port 80)";

  @Test
  void bothSensorsAnswerExactlyWhatTcpdumpSelectsInTheWindow(TestBed bed, @TempDir Path directory) throws Exception {
    List<List<PacketRecord>> stored = new ArrayList<>();
    List<List<PacketRecord>> selected = new ArrayList<>();
    for (int sensor = 1; sensor <= 2; sensor++) {
      Path raw = RawAnswer.fetch(bed, sensor, "after 3h ago", directory.resolve("raw-" + sensor + ".pcap"));
      stored.add(PacketRecord.read(raw));
      selected.add(PacketRecord.read(RawAnswer.tcpdump(raw, BPF, directory.resolve("bpf-" + sensor + ".pcap"))));
    }
    // A window through the middle of feed 1, which replays alongside feed 2 (the bulk comes later):
    // taken from stored timestamps, so packets sit exactly on both ends.
    List<Long> times = new ArrayList<>();
    stored.get(0).forEach(p -> times.add(p.timestampNanos()));
    times.sort(Comparator.naturalOrder());
    Instant after = instant(times.get(times.size() * 3 / 10));
    Instant before = instant(times.get(times.size() * 7 / 10));
    Query query = new And(new And(new QueryParser(Clock.systemUTC()).parse(QUERY), TimeBound.after(after)), TimeBound.before(before));

    List<PacketRecord> expected = new ArrayList<>();
    for (List<PacketRecord> sensor : selected) {
      sensor.stream()
          .filter(p -> p.timestampNanos() >= nanos(after) && p.timestampNanos() < nanos(before))
          .forEach(expected::add);
    }
    expected.sort(Comparator.comparingLong(PacketRecord::timestampNanos)); // stable: sensor-1 first on ties

    ScanCounters counters = new ScanCounters();
    try (StenographerSource one = StenographerSource.create(bed.sensor(1));
        StenographerSource two = StenographerSource.create(bed.sensor(2));
        FanOutStream result = new SourceFanOut(Thread::new).open(query, List.of(one, two), ResultLimit.NONE, counters)) {
      List<PacketRecord> actual = PacketRecord.all(result);
      assertThat(result.failures()).isEmpty();
      assertThat(expected).hasSizeGreaterThan(500);
      assertThat(actual).hasSameSizeAs(expected);
      assertThat(actual).isEqualTo(expected);
    }
    // The sensors sent a superset (no 'not', no 'src', whole files of time); the progress counts
    // only what the residual filter kept.
    assertThat(counters.status().matched()).isEqualTo(expected.size());
    long matchedRecordBytes = expected.stream().mapToLong(p -> 16 + p.bytes().length).sum();
    assertThat(counters.status().bytesRead()).isGreaterThan(matchedRecordBytes);
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
