package dev.docket.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.IpAddress;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameArbitraries;
import dev.docket.testing.FrameBuilder;
import dev.docket.testing.FrameFields;
import dev.docket.testing.FrameRecipe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * For any packets — any link, tags, IP version, fragment, protocol and ports, cut short anywhere —
 * the summary agrees with a plain count of the fields the frames were built with: buckets and
 * protocols sum to the totals, each bucket holds the packets of its time, the top lists are
 * sorted, bounded and exact under the cap. Past the cap the lists say they are approximate, their
 * counts stay within the bounds the purging table promises, and the true heavy hitters are still
 * found.
 */
class SummaryCollectorProperties {
  /** The names the model gives (IP protocols); frames that are not IP are named by the summary alone. */
  private static final Set<String> IP_PROTOCOL_NAMES =
      IntStream.range(0, 256).mapToObj(IpProtocolNames::name).collect(Collectors.toSet());

  /** A crafted frame, perhaps cut short, and how long after the previous packet it came. */
  record Captured(FrameRecipe recipe, int cutPerMille, long gapSeed) {}

  @Provide
  Arbitrary<List<Captured>> packets() {
    Arbitrary<Integer> cuts = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(1000)), Tuple.of(1, Arbitraries.integers().between(0, 1000)));
    return Combinators.combine(FrameArbitraries.frames(), cuts, Arbitraries.longs().between(0, 1L << 50))
        .as(Captured::new)
        .list()
        .ofMaxSize(60);
  }

  /**
   * In time order from some moment, with gaps of up to 10^digits nanoseconds: from bursts within a
   * microsecond to days, so the histogram keeps its first width or doubles it many times.
   */
  @Property(tries = 400)
  void inTimeOrderTheSummaryCountsWhatTheFramesHold(
      @ForAll("packets") List<Captured> packets,
      @ForAll @IntRange(min = 0, max = 15) int digits,
      @ForAll("starts") long start) {
    long range = (long) Math.pow(10, digits) + 1;
    List<Long> times = new ArrayList<>();
    long time = start;
    for (Captured packet : packets) {
      time += packet.gapSeed() % range;
      times.add(time);
    }
    summarize(packets, times, new SummaryCollector());
    Statistics.label("buckets merged").collect(digits > 5);
  }

  /** Any timestamps, in any order, to the ends of the long range: no packet is lost from the buckets. */
  @Property(tries = 300)
  void anyTimestampsInAnyOrderStillFallInTheirBuckets(
      @ForAll("packets") List<Captured> packets, @ForAll("timestamps") List<Long> timestamps) {
    List<Long> times = IntStream.range(0, packets.size())
        .mapToObj(i -> timestamps.get(i % timestamps.size()))
        .collect(Collectors.toList());
    summarize(packets, times, new SummaryCollector());
  }

  /** Exact up to the cap; past it, said to be approximate and within the bounds. */
  @Property(tries = 400)
  void theTopListsAreExactUpToTheCapAndBoundedPastIt(
      @ForAll("packets") List<Captured> packets, @ForAll @IntRange(min = 1, max = 12) int cap) {
    List<Long> times = IntStream.range(0, packets.size()).mapToObj(i -> (long) i).collect(Collectors.toList());
    SummaryCollector collector = new SummaryCollector(
        SummaryCollector.DEFAULT_FIRST_PACKETS, SummaryCollector.TOP_COUNT, cap, SummaryCollector.BUCKET_COUNT);
    SummaryModel model = model(packets, times, collector);
    ResultSummary summary = collector.summary();
    if (model.distinctConversations() <= cap && model.distinctHosts() <= cap) {
      model.assertCountsAgree(summary);
    }
    model.assertRankingsWithin(summary, cap);
    Statistics.label("past the cap").collect(model.distinctConversations() > cap);
    Statistics.label("past the cap").coverage(coverage -> coverage.check(true).percentage(percent -> percent > 20));
  }

  /**
   * Three conversations carry 40%, 25% and 12% of the bytes among 200 small ones, in any order,
   * with room for 64 keys: a count is too high by at most all bytes over 32 (over 16 for hosts,
   * which count each packet twice), less than the gaps between them, so they come out on top in
   * their true order, and their six hosts on top of the hosts.
   */
  @Property(tries = 100)
  void pastTheCapTheHeavyHittersAreStillFound(@ForAll("orders") long order) {
    List<CraftedFrame> frames = new ArrayList<>();
    IpAddress[] heavy = {
      IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), IpAddress.parse("2001:db8::3"),
      IpAddress.parse("2001:db8::4"), IpAddress.parse("192.168.0.5"), IpAddress.parse("192.168.0.6")
    };
    int[] heavyPackets = {35, 22, 10};
    for (int i = 0; i < heavyPackets.length; i++) {
      for (int packet = 0; packet < heavyPackets[i]; packet++) {
        boolean reply = packet % 2 == 1;
        IpAddress client = heavy[2 * i];
        IpAddress server = heavy[2 * i + 1];
        frames.add((reply ? FrameBuilder.ethernet().ip(server, client).tcp(443, 50000 + i)
                : FrameBuilder.ethernet().ip(client, server).tcp(50000 + i, 443))
            .pad(1000 - 54)
            .build());
      }
    }
    for (int light = 0; light < 200; light++) {
      frames.add(FrameBuilder.ethernet()
          .ip(IpAddress.ipv4(0x0B000000 + light), IpAddress.ipv4(0x0C000000 + light))
          .udp(1000 + light, 53)
          .pad(100 - 42)
          .build());
    }
    Collections.shuffle(frames, new Random(order));
    SummaryCollector collector = new SummaryCollector(0, SummaryCollector.TOP_COUNT, 64, SummaryCollector.BUCKET_COUNT);
    for (CraftedFrame frame : frames) {
      collector.accept(frame.view(0));
    }
    ResultSummary summary = collector.summary();
    assertThat(summary.conversations().exact()).isFalse();
    assertThat(summary.conversations().top().subList(0, 3).stream().map(conversation -> conversation.a().address()))
        .containsExactly("10.0.0.1", "2001:db8::3", "192.168.0.5");
    assertThat(summary.hosts().exact()).isFalse();
    assertThat(summary.hosts().top().subList(0, 6).stream().map(ResultSummary.Host::address))
        .containsExactlyInAnyOrder(List.of(heavy).stream().map(IpAddress::toString).toArray(String[]::new));
  }

  @Provide
  Arbitrary<Long> orders() {
    return Arbitraries.longs();
  }

  @Provide
  Arbitrary<Long> starts() {
    return Arbitraries.longs().between(1_000_000_000_000_000_000L, 2_000_000_000_000_000_000L);
  }

  @Provide
  Arbitrary<List<Long>> timestamps() {
    return FrameArbitraries.timestamps().list().ofMinSize(1).ofMaxSize(8);
  }

  /** Feeds the packets to {@code collector} and asserts that its summary agrees with the model. */
  private static void summarize(List<Captured> packets, List<Long> times, SummaryCollector collector) {
    SummaryModel model = model(packets, times, collector);
    ResultSummary summary = collector.summary();
    model.assertCountsAgree(summary);
    model.assertProtocolsAgree(summary, IP_PROTOCOL_NAMES::contains);
    assertThat(summary.firstPackets()).hasSize(Math.min(packets.size(), SummaryCollector.DEFAULT_FIRST_PACKETS));
  }

  /** Feeds the packets to {@code collector}, and models them from the fields the frames were built with. */
  private static SummaryModel model(List<Captured> packets, List<Long> times, SummaryCollector collector) {
    List<ReferencePacket> references = new ArrayList<>();
    for (int i = 0; i < packets.size(); i++) {
      CraftedFrame frame = packets.get(i).recipe().build();
      int length = frame.bytes().length * packets.get(i).cutPerMille() / 1000;
      collector.accept(frame.viewCutTo(length, times.get(i)));
      references.add(reference(frame.fields().cutTo(length), length, frame.bytes().length, times.get(i)));
    }
    return new SummaryModel(references);
  }

  private static ReferencePacket reference(FrameFields fields, long captured, long wire, long time) {
    if (fields.ipVersion() == 0) {
      return new ReferencePacket(time, captured, wire, "(not IP)", null, null, -1, -1);
    }
    return new ReferencePacket(
        time, captured, wire, IpProtocolNames.name(fields.protocol()), fields.source(), fields.destination(),
        fields.sourcePort(), fields.destinationPort());
  }
}
