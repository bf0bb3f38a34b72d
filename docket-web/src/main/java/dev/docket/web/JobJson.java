package dev.docket.web;

import dev.docket.job.Job;
import dev.docket.job.JobEvent;
import dev.docket.job.JobSource;
import dev.docket.summary.ResultSummary;
import dev.docket.summary.ResultSummary.Bucket;
import dev.docket.summary.ResultSummary.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A job as the API shows it: kebab-case keys, times in RFC 3339 UTC, states by their wire names,
 * and the links to its result and events under the server's base path.
 */
final class JobJson {
  private JobJson() {}

  static Map<String, Object> of(Job job, String basePath) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", job.id());
    map.put("user", job.user());
    map.put("query", job.query());
    map.put("state", job.state().wireName());
    job.reason().ifPresent(reason -> map.put("reason", reason));
    map.put("format", job.format().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    map.put("dedupe", job.dedupe());
    map.put("max-packets", job.maxPackets());
    map.put("max-bytes", job.maxBytes());
    map.put("submitted", job.submitted().toString());
    job.started().ifPresent(at -> map.put("started", at.toString()));
    job.ended().ifPresent(at -> map.put("ended", at.toString()));
    job.resultBytes().ifPresent(bytes -> map.put("result-bytes", bytes));
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("bytes-planned", job.progress().bytesPlanned());
    progress.put("bytes-read", job.progress().bytesRead());
    progress.put("packets-matched", job.progress().packetsMatched());
    progress.put("packets-written", job.progress().packetsWritten());
    progress.put("bytes-written", job.progress().bytesWritten());
    map.put("progress", progress);
    List<Object> sources = new ArrayList<>();
    for (JobSource source : job.sources()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("name", source.name());
      line.put("state", source.state().name().toLowerCase(Locale.ROOT));
      line.put("error", source.error().orElse(null));
      line.put("bytes-planned", source.bytesPlanned());
      line.put("bytes-read", source.bytesRead());
      line.put("packets-matched", source.packetsMatched());
      sources.add(line);
    }
    map.put("sources", sources);
    List<Object> events = new ArrayList<>();
    for (JobEvent event : job.events()) {
      events.add(Map.of("at", event.at().toString(), "kind", event.kind(), "message", event.message()));
    }
    map.put("events", events);
    job.summary().ifPresent(summary -> map.put("summary", summary(summary)));
    String self = JobLinks.self(basePath, job.id());
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", self);
    links.put("events", self + "/events");
    if (job.hasResult()) {
      links.put("pcap", self + "/pcap");
    }
    map.put("links", links);
    return map;
  }

  private static Map<String, Object> summary(ResultSummary summary) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("packets", summary.totals().packets());
    map.put("bytes", summary.totals().bytes());
    map.put("wire-bytes", summary.totals().wireBytes());
    time(summary.totals().firstNanos()).ifPresent(first -> map.put("first", first));
    time(summary.totals().lastNanos()).ifPresent(last -> map.put("last", last));
    List<Object> buckets = new ArrayList<>();
    for (Bucket bucket : summary.histogram().buckets()) {
      buckets.add(List.of(bucket.startNanos(), bucket.packets(), bucket.bytes()));
    }
    map.put("histogram", Map.of("bucket-nanos", summary.histogram().bucketNanos(), "buckets", buckets));
    map.put("conversations", ranking(summary.conversations(), conversation -> Map.of(
        "protocol", conversation.protocol(), "a", endpoint(conversation.a()), "b", endpoint(conversation.b()),
        "packets", conversation.packets(), "bytes", conversation.bytes())));
    map.put("hosts", ranking(summary.hosts(), host -> Map.of("address", host.address(), "packets", host.packets(), "bytes", host.bytes())));
    map.put("protocols", summary.protocols().stream()
        .map(protocol -> Map.of("protocol", protocol.protocol(), "packets", protocol.packets(), "bytes", protocol.bytes())).toList());
    map.put("first-packets", summary.firstPackets());
    return map;
  }

  private static <T> Map<String, Object> ranking(ResultSummary.Ranking<T> ranking, java.util.function.Function<T, Object> line) {
    return Map.of("top", ranking.top().stream().map(line).toList(), "exact", ranking.exact(), "distinct", ranking.distinct());
  }

  private static String endpoint(Endpoint endpoint) {
    return endpoint.port().isPresent() ? endpoint.address() + " " + endpoint.port().getAsInt() : endpoint.address();
  }

  private static java.util.Optional<String> time(OptionalLong nanos) {
    if (nanos.isEmpty()) {
      return java.util.Optional.empty();
    }
    long value = nanos.getAsLong();
    return java.util.Optional.of(Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L)).toString());
  }
}
