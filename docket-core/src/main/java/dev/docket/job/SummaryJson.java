package dev.docket.job;

import dev.docket.summary.ResultSummary;
import dev.docket.summary.ResultSummary.Bucket;
import dev.docket.summary.ResultSummary.Conversation;
import dev.docket.summary.ResultSummary.Endpoint;
import dev.docket.summary.ResultSummary.Histogram;
import dev.docket.summary.ResultSummary.Host;
import dev.docket.summary.ResultSummary.ProtocolCount;
import dev.docket.summary.ResultSummary.Ranking;
import dev.docket.summary.ResultSummary.Totals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/** A {@link ResultSummary} as the job record keeps it: plain maps and lists for jackson-jr. */
final class SummaryJson {
  private SummaryJson() {}

  static Map<String, Object> toMap(ResultSummary summary) {
    Map<String, Object> map = new LinkedHashMap<>();
    Totals totals = summary.totals();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("packets", totals.packets());
    counts.put("bytes", totals.bytes());
    counts.put("wireBytes", totals.wireBytes());
    totals.firstNanos().ifPresent(nanos -> counts.put("firstNanos", nanos));
    totals.lastNanos().ifPresent(nanos -> counts.put("lastNanos", nanos));
    map.put("totals", counts);
    Map<String, Object> histogram = new LinkedHashMap<>();
    histogram.put("bucketNanos", summary.histogram().bucketNanos());
    List<Object> buckets = new ArrayList<>();
    for (Bucket bucket : summary.histogram().buckets()) {
      buckets.add(List.of(bucket.startNanos(), bucket.packets(), bucket.bytes()));
    }
    histogram.put("buckets", buckets);
    map.put("histogram", histogram);
    map.put("conversations", ranking(summary.conversations(), conversation -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("protocol", conversation.protocol());
      line.put("a", endpoint(conversation.a()));
      line.put("b", endpoint(conversation.b()));
      line.put("packets", conversation.packets());
      line.put("bytes", conversation.bytes());
      return line;
    }));
    map.put("hosts", ranking(summary.hosts(), host -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("address", host.address());
      line.put("packets", host.packets());
      line.put("bytes", host.bytes());
      return line;
    }));
    List<Object> protocols = new ArrayList<>();
    for (ProtocolCount protocol : summary.protocols()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("protocol", protocol.protocol());
      line.put("packets", protocol.packets());
      line.put("bytes", protocol.bytes());
      protocols.add(line);
    }
    map.put("protocols", protocols);
    map.put("firstPackets", summary.firstPackets());
    return map;
  }

  private static Map<String, Object> endpoint(Endpoint endpoint) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("address", endpoint.address());
    endpoint.port().ifPresent(port -> map.put("port", port));
    return map;
  }

  private static <T> Map<String, Object> ranking(Ranking<T> ranking, Function<T, Map<String, Object>> line) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("exact", ranking.exact());
    map.put("distinct", ranking.distinct());
    map.put("top", ranking.top().stream().map(line).toList());
    return map;
  }

  @SuppressWarnings("unchecked")
  static ResultSummary fromMap(Map<String, Object> map) {
    Map<String, Object> counts = (Map<String, Object>) map.get("totals");
    Totals totals =
        new Totals(
            number(counts, "packets"),
            number(counts, "bytes"),
            number(counts, "wireBytes"),
            optionalLong(counts, "firstNanos"),
            optionalLong(counts, "lastNanos"));
    Map<String, Object> histogram = (Map<String, Object>) map.get("histogram");
    List<Bucket> buckets = new ArrayList<>();
    for (Object bucket : (List<Object>) histogram.get("buckets")) {
      List<Number> values = (List<Number>) bucket;
      buckets.add(new Bucket(values.get(0).longValue(), values.get(1).longValue(), values.get(2).longValue()));
    }
    Ranking<Conversation> conversations =
        ranking((Map<String, Object>) map.get("conversations"), line -> new Conversation(
            (String) line.get("protocol"),
            endpoint((Map<String, Object>) line.get("a")),
            endpoint((Map<String, Object>) line.get("b")),
            number(line, "packets"),
            number(line, "bytes")));
    Ranking<Host> hosts =
        ranking((Map<String, Object>) map.get("hosts"), line -> new Host((String) line.get("address"), number(line, "packets"), number(line, "bytes")));
    List<ProtocolCount> protocols = new ArrayList<>();
    for (Object protocol : (List<Object>) map.get("protocols")) {
      Map<String, Object> line = (Map<String, Object>) protocol;
      protocols.add(new ProtocolCount((String) line.get("protocol"), number(line, "packets"), number(line, "bytes")));
    }
    List<String> firstPackets = new ArrayList<>();
    for (Object line : (List<Object>) map.get("firstPackets")) {
      firstPackets.add((String) line);
    }
    return new ResultSummary(
        totals, new Histogram(number(histogram, "bucketNanos"), buckets), conversations, hosts, protocols, firstPackets);
  }

  private static Endpoint endpoint(Map<String, Object> map) {
    Object port = map.get("port");
    return new Endpoint((String) map.get("address"), port == null ? OptionalInt.empty() : OptionalInt.of(((Number) port).intValue()));
  }

  @SuppressWarnings("unchecked")
  private static <T> Ranking<T> ranking(Map<String, Object> map, Function<Map<String, Object>, T> line) {
    List<T> top = new ArrayList<>();
    for (Object entry : (List<Object>) map.get("top")) {
      top.add(line.apply((Map<String, Object>) entry));
    }
    return new Ranking<>(top, (Boolean) map.get("exact"), number(map, "distinct"));
  }

  private static long number(Map<String, Object> map, String field) {
    Object value = map.get(field);
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("summary: " + field + " is not a number");
    }
    return number.longValue();
  }

  private static OptionalLong optionalLong(Map<String, Object> map, String field) {
    Object value = map.get(field);
    return value == null ? OptionalLong.empty() : OptionalLong.of(((Number) value).longValue());
  }
}
