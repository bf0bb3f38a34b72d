package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.filter.QueryReader;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.query.QuerySyntax;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanCounters;
import dev.docket.stenographer.StenographerTestBed.TestBed;
import dev.docket.store.CaptureFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * sensor-4, fed {@link IndexCornerTraffic} (VLAN, QinQ, MPLS, SCTP, IPv4 and IPv6 fragments, IPv6
 * extension headers and AH), answers Docket exactly what {@code docket filter} selects from
 * everything the sensor stored: the reference is the sensor's whole dump ({@code after 3h ago}),
 * never the query that was sent, so a packet the native query fails to fetch is a failure. And the
 * model of the index the planner's rules come from agrees with the real index.
 */
@ExtendWith(StenographerTestBed.class)
class StenographerAnswersEqualFilterOverTheDumpTest {
  private static final int SENSOR = 4;
  /** Queries per run; raise with -Ddocket.stenographer.queries=N for a longer search. */
  private static final int QUERIES = Integer.getInteger("docket.stenographer.queries", 400);
  private static final long SEED = Long.getLong("docket.stenographer.seed", 20261204L);

  private final QueryParser parser = new QueryParser(Clock.systemUTC());

  @Test
  void everyAnswerIsDocketFilterOverTheSensorsWholeDump(TestBed bed, @TempDir Path directory) throws Exception {
    Path dump = RawAnswer.fetch(bed, SENSOR, "after 3h ago", directory.resolve("dump.pcap"));
    List<PacketRecord> stored = PacketRecord.read(dump);
    assertThat(stored).hasSizeGreaterThan(StenographerTestBed.CORNER_FRAMES * 9 / 10);
    CornerQueries queries = new CornerQueries(SEED, stored.stream().map(PacketRecord::timestampNanos).sorted().toList());
    List<String> wrong = new ArrayList<>();
    long packets = 0;
    int answered = 0;
    try (StenographerSource sensor = StenographerSource.create(bed.sensor(SENSOR))) {
      Docket fromSensor = Docket.builder().source(sensor).build();
      Docket overDump = Docket.builder().source(CaptureFiles.of(List.of(dump))).build();
      for (int i = 0; i < QUERIES; i++) {
        Query query = queries.next();
        List<PacketRecord> expected = run(overDump, query, wrong);
        List<PacketRecord> actual = run(fromSensor, query, wrong);
        if (!actual.equals(expected)) {
          wrong.add(QuerySyntax.print(query) + ": " + actual.size() + " packets, docket filter " + expected.size()
              + " (sent '" + sensor.nativeText(QueryPlanner.plan(query, sensor.features())) + "')");
        }
        packets += expected.size();
        answered += expected.isEmpty() ? 0 : 1;
      }
    }
    System.err.printf("sensor-%d: %d queries compared with docket filter over its dump of %d packets: %d packets in all, %d queries with packets%n",
        SENSOR, QUERIES, stored.size(), packets, answered);
    assertThat(wrong).as("queries whose answer is not docket filter's").isEmpty();
    assertThat(answered).as("queries with packets").isGreaterThan(QUERIES / 3);
  }

  /**
   * Queries that mix {@code bpf "..."} (tcpdump's language, which no sensor is asked) with Docket's
   * primitives and time windows: the sensor is asked the rest, Docket runs libpcap's program over
   * the answer, and the result is docket filter's over the whole dump.
   */
  @Test
  void mixedBpfQueriesAreDocketFilterOverTheSensorsWholeDump(TestBed bed, @TempDir Path directory) throws Exception {
    Path dump = RawAnswer.fetch(bed, SENSOR, "after 3h ago", directory.resolve("dump.pcap"));
    List<Long> times = PacketRecord.read(dump).stream().map(PacketRecord::timestampNanos).sorted().toList();
    Instant middle = Instant.ofEpochSecond(0, times.get(times.size() / 2));
    QueryReader reader = new QueryReader(Clock.systemUTC());
    List<String> texts = List.of(
        "bpf \"vlan and udp\"",
        "bpf \"tcp[tcpflags] & tcp-syn != 0\" or port 53",
        "net 10.0.0.0/8 and bpf \"greater 100\" and after " + middle,
        "not bpf \"ip6\" and before " + middle,
        "bpf \"mpls\" or bpf \"ip6 protochain 17\"",
        "ip[6:2] & 0x1fff != 0",
        "sctp and bpf \"len > 60\"");
    List<String> wrong = new ArrayList<>();
    long packets = 0;
    try (StenographerSource sensor = StenographerSource.create(bed.sensor(SENSOR))) {
      Docket fromSensor = Docket.builder().source(sensor).build();
      Docket overDump = Docket.builder().source(CaptureFiles.of(List.of(dump))).build();
      for (String text : texts) {
        Query query = reader.read(text);
        List<PacketRecord> expected = run(overDump, query, wrong);
        List<PacketRecord> actual = run(fromSensor, query, wrong);
        if (!actual.equals(expected)) {
          wrong.add(text + ": " + actual.size() + " packets, docket filter " + expected.size());
        }
        if (expected.isEmpty()) {
          wrong.add(text + ": no packet in the dump, which proves nothing");
        }
        packets += expected.size();
      }
    }
    System.err.printf("sensor-%d: %d bpf queries compared with docket filter over its dump: %d packets%n", SENSOR, texts.size(), packets);
    assertThat(wrong).isEmpty();
  }

  /** Stenographer's dialect sent raw: what the sensor returns is what the model says it finds. */
  @Test
  void theModelOfTheIndexFindsWhatTheRealIndexFinds(TestBed bed, @TempDir Path directory) throws Exception {
    List<PacketRecord> stored = PacketRecord.read(RawAnswer.fetch(bed, SENSOR, "after 3h ago", directory.resolve("dump.pcap")));
    List<String> lookups = new ArrayList<>();
    IndexCornerTraffic.PORTS.forEach(port -> lookups.add("port " + port));
    Set.of(6, 17, 132, 1, 58, 47, 44, 51).forEach(protocol -> lookups.add("ip proto " + protocol));
    IndexCornerTraffic.VLANS.forEach(vlan -> lookups.add("vlan " + vlan));
    IndexCornerTraffic.LABELS.forEach(label -> lookups.add("mpls " + label));
    IndexCornerTraffic.IPV4.forEach(host -> lookups.add("host " + host));
    IndexCornerTraffic.IPV6.forEach(host -> lookups.add("host " + host)); // ::ffff:a.b.c.d is looked up as IPv4
    lookups.addAll(List.of("net 10.0.0.0/8", "net 2001:db8::/32", "net ::fffe:0:0/95", "vlan 10 and port 53 or mpls 16"));
    List<String> wrong = new ArrayList<>();
    try (StenographerSource sensor = StenographerSource.create(bed.sensor(SENSOR))) {
      for (String lookup : lookups) {
        Query query = parser.parse(lookup); // Stenographer's dialect reads the same in Docket's language
        List<PacketRecord> modelled = stored.stream()
            .filter(p -> StenographerLookup.selects(query, StenographerIndex.of(p.bytes()), p.timestampNanos()))
            .toList();
        List<PacketRecord> returned;
        try (var answer = sensor.openNative(lookup, ResultLimit.NONE, new ScanCounters())) {
          returned = PacketRecord.all(answer);
        }
        if (!returned.equals(modelled)) {
          wrong.add(lookup + ": the sensor returns " + returned.size() + ", the model " + modelled.size());
        }
        assertThat(modelled).as("frames the model finds for %s", lookup).isNotEmpty();
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** The answer's packets; a run that is not complete is one more entry in {@code wrong}. */
  private static List<PacketRecord> run(Docket docket, Query query, List<String> wrong) throws Exception {
    List<PacketRecord> records = new ArrayList<>();
    QueryResult result = docket.run(query, CaptureSink.toPackets((packet, interfaceId) -> records.add(PacketRecord.of(packet))));
    if (result.status() != QueryResult.Status.COMPLETE) {
      wrong.add(QuerySyntax.print(query) + ": " + result.status() + ": "
          + result.failure().orElse(String.join("; ", result.problems())));
    }
    return records;
  }
}
