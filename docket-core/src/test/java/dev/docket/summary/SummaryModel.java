package dev.docket.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The summary's numbers computed the plain way, from every packet held in a list and maps keyed by
 * strings: the model that {@link SummaryCollector}'s packed keys, bounded tables and merging
 * buckets must agree with.
 */
final class SummaryModel {
  private final List<ReferencePacket> packets;
  private final Map<String, long[]> protocols = new HashMap<>();
  private final Map<String, long[]> conversations = new HashMap<>();
  private final Map<String, long[]> hosts = new HashMap<>();

  SummaryModel(List<ReferencePacket> packets) {
    this.packets = List.copyOf(packets);
    for (ReferencePacket packet : packets) {
      count(protocols, packet.protocol(), packet);
      IpAddress source = packet.source();
      IpAddress destination = packet.destination();
      if (source != null && destination != null) {
        count(conversations, conversationKey(packet.protocol(), side(source, packet.sourcePort()), side(destination, packet.destinationPort())), packet);
        count(hosts, source.toString(), packet);
        if (!source.equals(destination)) {
          count(hosts, destination.toString(), packet);
        }
      }
    }
  }

  /** Asserts that {@code summary} says what this model does. */
  void assertAgrees(ResultSummary summary) {
    assertCountsAgree(summary);
    assertProtocolsAgree(summary, name -> true);
  }

  /**
   * Asserts all but the protocol breakdown's names: totals, buckets and rankings agree, and the
   * breakdown sums to the totals.
   */
  void assertCountsAgree(ResultSummary summary) {
    ResultSummary.Totals totals = summary.totals();
    assertThat(totals.packets()).as("packets").isEqualTo(packets.size());
    assertThat(totals.bytes()).as("captured bytes").isEqualTo(packets.stream().mapToLong(ReferencePacket::capturedLength).sum());
    assertThat(totals.wireBytes()).as("wire bytes").isEqualTo(packets.stream().mapToLong(ReferencePacket::wireLength).sum());
    assertThat(totals.firstNanos()).as("first").isEqualTo(packets.stream().mapToLong(ReferencePacket::timestampNanos).min());
    assertThat(totals.lastNanos()).as("last").isEqualTo(packets.stream().mapToLong(ReferencePacket::timestampNanos).max());
    assertHistogramAgrees(summary.histogram());
    assertThat(summary.protocols().stream().mapToLong(ResultSummary.ProtocolCount::packets).sum())
        .as("packets over protocols").isEqualTo(totals.packets());
    assertThat(summary.protocols().stream().mapToLong(ResultSummary.ProtocolCount::bytes).sum())
        .as("bytes over protocols").isEqualTo(totals.bytes());
    assertRankingAgrees(
        "conversations", summary.conversations(), conversations, SummaryModel::conversationKey,
        conversation -> List.of(conversation.packets(), conversation.bytes()));
    assertRankingAgrees(
        "hosts", summary.hosts(), hosts, host -> IpAddress.parse(host.address()).toString(),
        host -> List.of(host.packets(), host.bytes()));
  }

  /** Asserts the packets and bytes of each protocol whose name {@code modelled} accepts. */
  void assertProtocolsAgree(ResultSummary summary, Predicate<String> modelled) {
    assertThat(summary.protocols().stream()
            .filter(count -> modelled.test(count.protocol()))
            .collect(Collectors.toMap(ResultSummary.ProtocolCount::protocol, count -> List.of(count.packets(), count.bytes()))))
        .as("protocols")
        .isEqualTo(protocols.entrySet().stream()
            .filter(entry -> modelled.test(entry.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue()[0], entry.getValue()[1]))));
  }

  /**
   * Each bucket holds exactly the packets whose time falls in it, and together they hold all.
   * Buckets follow each other a width apart from a multiple of the width; only the first may say
   * it starts at {@link Long#MIN_VALUE}, where its true start is before the long range.
   */
  private void assertHistogramAgrees(ResultSummary.Histogram histogram) {
    long width = histogram.bucketNanos();
    assertThat(Long.bitCount(width / TimeHistogram.INITIAL_WIDTH_NANOS)).as("a microsecond doubled: %s", width).isEqualTo(1);
    assertThat(width % TimeHistogram.INITIAL_WIDTH_NANOS).isZero();
    List<ResultSummary.Bucket> buckets = histogram.buckets();
    assertThat(buckets.size()).isLessThanOrEqualTo(SummaryCollector.BUCKET_COUNT);
    assertThat(buckets.isEmpty()).isEqualTo(packets.isEmpty());
    for (int i = 0; i < buckets.size(); i++) {
      long start = buckets.get(i).startNanos();
      if (i > 0 || start != Long.MIN_VALUE) {
        assertThat(Math.floorMod(start, width)).as("bucket %s at %s is aligned", i, start).isZero();
      }
      long end = i + 1 < buckets.size() ? buckets.get(i + 1).startNanos() : start;
      if (i + 1 < buckets.size() && (i > 0 || start != Long.MIN_VALUE)) {
        assertThat(end - start).as("bucket %s is a width long", i).isEqualTo(width);
      }
      boolean last = i + 1 == buckets.size();
      List<ReferencePacket> inside = packets.stream()
          .filter(packet -> packet.timestampNanos() >= start
              && (last ? Long.compareUnsigned(packet.timestampNanos() - start, width) < 0 : packet.timestampNanos() < end))
          .collect(Collectors.toList());
      assertThat(List.of(buckets.get(i).packets(), buckets.get(i).bytes()))
          .as("bucket %s at %s", i, start)
          .isEqualTo(List.of((long) inside.size(), inside.stream().mapToLong(ReferencePacket::capturedLength).sum()));
    }
    assertThat(buckets.stream().mapToLong(ResultSummary.Bucket::packets).sum()).as("packets over buckets").isEqualTo(packets.size());
    assertThat(buckets.stream().mapToLong(ResultSummary.Bucket::bytes).sum())
        .as("bytes over buckets").isEqualTo(packets.stream().mapToLong(ReferencePacket::capturedLength).sum());
    if (!buckets.isEmpty()) {
      assertThat(buckets.get(0).packets()).as("the first bucket holds the first packet").isPositive();
      assertThat(buckets.get(buckets.size() - 1).packets()).as("the last bucket holds the last packet").isPositive();
    }
  }

  int distinctConversations() {
    return conversations.size();
  }

  int distinctHosts() {
    return hosts.size();
  }

  /**
   * Asserts what the purging table promises of a ranking past the cap, or exactness under it: the
   * list is sorted and bounded, each entry's bytes are no less than the truth and no more than it
   * by all bytes over half the cap, and its packets are no more than the truth.
   */
  void assertRankingsWithin(ResultSummary summary, int cap) {
    assertBounds("conversations", summary.conversations(), conversations, cap, SummaryModel::conversationKey,
        conversation -> List.of(conversation.packets(), conversation.bytes()));
    assertBounds("hosts", summary.hosts(), hosts, cap, host -> IpAddress.parse(host.address()).toString(),
        host -> List.of(host.packets(), host.bytes()));
  }

  private <T> void assertBounds(
      String what,
      ResultSummary.Ranking<T> ranking,
      Map<String, long[]> model,
      int cap,
      Function<T, String> key,
      Function<T, List<Long>> packetsAndBytes) {
    assertThat(ranking.exact()).as("%s exact with %s distinct, cap %s", what, model.size(), cap).isEqualTo(model.size() <= cap);
    assertThat(ranking.top()).hasSizeLessThanOrEqualTo(SummaryCollector.TOP_COUNT);
    assertThat(ranking.top().stream().map(entry -> packetsAndBytes.apply(entry).get(1)).collect(Collectors.toList()))
        .as("%s by bytes", what)
        .isSortedAccordingTo(Comparator.reverseOrder());
    // A packet counts for at most two keys of a ranking (hosts), so a ranking counts at most twice the bytes.
    long allBytes = 2L * packets.stream().mapToLong(ReferencePacket::capturedLength).sum();
    for (T entry : ranking.top()) {
      long[] truth = model.getOrDefault(key.apply(entry), new long[2]);
      List<Long> counted = packetsAndBytes.apply(entry);
      assertThat(counted.get(0)).as("%s packets of %s", what, entry).isBetween(1L, truth[0]);
      assertThat(counted.get(1)).as("%s bytes of %s", what, entry).isBetween(truth[1], truth[1] + allBytes / ((cap + 1) / 2));
    }
  }

  /**
   * The ranking is exact, counts every distinct key, and is a true top list: each entry's counts
   * are the model's, and its bytes are the model's largest, in order (ties at the cut may name
   * other keys of the same bytes).
   */
  private static <T> void assertRankingAgrees(
      String what,
      ResultSummary.Ranking<T> ranking,
      Map<String, long[]> model,
      Function<T, String> key,
      Function<T, List<Long>> packetsAndBytes) {
    assertThat(ranking.exact()).as("%s exact", what).isTrue();
    assertThat(ranking.distinct()).as("%s distinct", what).isEqualTo(model.size());
    List<Long> expectedBytes = model.values().stream()
        .map(counts -> counts[1])
        .sorted(Comparator.reverseOrder())
        .limit(SummaryCollector.TOP_COUNT)
        .collect(Collectors.toList());
    List<Long> actualBytes = new ArrayList<>();
    for (T entry : ranking.top()) {
      long[] counts = model.get(key.apply(entry));
      assertThat(counts).as("%s: %s is in the model %s", what, entry, model.keySet()).isNotNull();
      assertThat(packetsAndBytes.apply(entry)).as("%s: %s", what, entry).containsExactly(counts[0], counts[1]);
      actualBytes.add(counts[1]);
    }
    assertThat(actualBytes).as("%s: the most bytes, the most first", what).isEqualTo(expectedBytes);
  }

  private static String conversationKey(ResultSummary.Conversation conversation) {
    return conversationKey(conversation.protocol(), side(conversation.a()), side(conversation.b()));
  }

  /** Either direction is one conversation: the two sides in a fixed order. */
  private static String conversationKey(String protocol, String one, String other) {
    return protocol + " " + (one.compareTo(other) <= 0 ? one + " " + other : other + " " + one);
  }

  private static String side(ResultSummary.Endpoint endpoint) {
    return side(IpAddress.parse(endpoint.address()), endpoint.port().orElse(-1));
  }

  private static String side(IpAddress address, int port) {
    return address + (port < 0 ? "" : "|" + port);
  }

  private static void count(Map<String, long[]> counts, String key, ReferencePacket packet) {
    long[] sums = counts.computeIfAbsent(key, unused -> new long[2]);
    sums[0]++;
    sums[1] += packet.capturedLength();
  }
}
