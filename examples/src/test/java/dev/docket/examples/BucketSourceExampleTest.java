package dev.docket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketSourceExampleTest {
  private static final QueryParser PARSER = new QueryParser(Clock.systemUTC());
  /** Relaxed for the bucket twice over (src, not): its answer is exact only after Docket trims it. */
  private static final String QUERY = "src net 10.1.0.0/16 and not udp";

  @TempDir Path scratch;

  @Test
  void storeAndBucketMergeIntoExactlyTheQuerysPackets() throws Exception {
    List<Path> stored = GeneratedCaptures.write(scratch.resolve("store"), 1, 2, 30);
    List<Path> objects = GeneratedCaptures.write(scratch.resolve("bucket"), 2, 2, 30);
    Path output = scratch.resolve("out.pcap");

    ProgramRun run =
        ProgramRun.of(
            BucketSourceExample.class, scratch.resolve("store").toString(), scratch.resolve("bucket").toString(), QUERY, output.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> fromStore = Packets.matching(PARSER.parse(QUERY), stored);
    List<String> fromBucket = Packets.matching(PARSER.parse(QUERY), objects);
    assertThat(fromStore).isNotEmpty();
    assertThat(fromBucket).isNotEmpty();
    assertThat(run.outLines())
        .containsExactly(
            "store: " + fromStore.size() + " packets",
            "bucket: " + fromBucket.size() + " packets",
            "COMPLETE: " + (fromStore.size() + fromBucket.size()) + " packets written to " + output);
    List<String> written = Packets.of(output);
    assertThat(Packets.inTimeOrder(written)).isTrue();
    assertThat(Packets.sorted(written)).isEqualTo(Packets.matching(PARSER.parse(QUERY), concat(stored, objects)));
  }

  @Test
  void anObjectThatIsNotACaptureIsSkippedWithAWarningAndTheRestKept() throws Exception {
    List<Path> stored = GeneratedCaptures.write(scratch.resolve("store"), 1, 1, 30);
    List<Path> objects = GeneratedCaptures.write(scratch.resolve("bucket"), 2, 1, 30);
    Files.writeString(scratch.resolve("bucket/README.txt"), "what the sensors upload here\n");
    Path output = scratch.resolve("out.pcap");

    ProgramRun run =
        ProgramRun.of(
            BucketSourceExample.class, scratch.resolve("store").toString(), scratch.resolve("bucket").toString(), QUERY, output.toString());

    assertThat(run.exitCode()).as("partial").isEqualTo(3);
    assertThat(run.errLines())
        .containsExactly("bucket: README.txt: corrupt at byte 0: not a pcap or pcapng file; skipped");
    assertThat(Packets.sorted(Packets.of(output))).isEqualTo(Packets.matching(PARSER.parse(QUERY), concat(stored, objects)));
  }

  /**
   * A query the bucket's features still cover (host, either direction) is planned exact:
   * no residual filter follows, so the bucket itself must apply the native query.
   */
  @Test
  void theBucketAppliesTheNativeQueryWhenThePlanIsExact() throws Exception {
    List<Path> objects = GeneratedCaptures.write(scratch.resolve("bucket"), 4, 1, 40);
    Query query = PARSER.parse("host " + new SyntheticTraffic(TrafficSpec.ofPackets(4, 1)).busiestHosts().get(0));
    BucketSource bucket = new BucketSource("bucket", scratch.resolve("bucket"));
    assertThat(QueryPlanner.plan(query, bucket.features()).isExact()).as("the premise: nothing to trim").isTrue();
    List<String> received = new ArrayList<>();

    QueryResult result =
        Docket.builder()
            .source(bucket)
            .build()
            .run(query, CaptureSink.toPackets((packet, interfaceId) -> received.add(Packets.text(packet))));

    assertThat(result.status()).isEqualTo(QueryResult.Status.COMPLETE);
    List<String> expected = Packets.matching(query, objects);
    assertThat((long) expected.size()).isPositive().isLessThan(Packets.count(objects));
    assertThat(Packets.sorted(received)).isEqualTo(expected);
    assertThat(result.packets()).isEqualTo(expected.size());
    assertThat(result.scan().bytesRead()).as("progress counted").isEqualTo(sizes(objects));
  }

  private static List<Path> concat(List<Path> first, List<Path> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static long sizes(List<Path> files) throws Exception {
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    return total;
  }
}
