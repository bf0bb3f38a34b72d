package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.QueryParser;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanCounters;
import dev.docket.stenographer.StenographerTestBed.TestBed;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the true superset costs: on every sensor of the bed, {@code port 53} and {@code tcp} as the
 * planner now sends them fetch everything they fetched when sent as they are, plus only what the
 * index files elsewhere; the bytes before and after are printed for the record.
 */
@ExtendWith(StenographerTestBed.class)
class StenographerWideningCostTest {
  @Test
  void widenedQueriesFetchWhatTheyDidAndLittleMore(TestBed bed) throws Exception {
    QueryParser parser = new QueryParser(Clock.systemUTC());
    for (int number : List.of(1, 2, 4)) {
      try (StenographerSource sensor = StenographerSource.create(bed.sensor(number))) {
        for (String text : List.of("port 53", "tcp")) {
          String widened = sensor.nativeText(QueryPlanner.plan(parser.parse(text), sensor.features()));
          Fetched before = fetch(sensor, text);
          Fetched after = fetch(sensor, widened);
          System.err.printf("%s: '%s' fetched %,d bytes (%,d packets); sent as '%s', %,d bytes (%,d packets)%n",
              sensor.name(), text, before.bytes(), before.packets().size(), widened, after.bytes(), after.packets().size());
          assertThat(after.packets()).containsAll(before.packets());
          if (number == 4 && text.equals("port 53")) {
            assertThat(after.packets()).as("SCTP to or from port 53 is on sensor-4").hasSizeGreaterThan(before.packets().size());
          }
        }
      }
    }
  }

  private static Fetched fetch(StenographerSource sensor, String text) throws Exception {
    ScanCounters counters = new ScanCounters();
    try (PacketStream answer = sensor.openNative(text, ResultLimit.NONE, counters)) {
      List<PacketRecord> packets = PacketRecord.all(answer);
      return new Fetched(counters.status().bytesRead(), packets);
    }
  }

  /** An answer: the bytes read off the wire and its packets. */
  private record Fetched(long bytes, List<PacketRecord> packets) {}
}
