package dev.docket.web;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputException;
import dev.docket.OutputFormat;
import dev.docket.QueryResult;
import dev.docket.QueryRun;
import dev.docket.job.JobService;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.query.QuerySyntax;
import dev.docket.source.PacketSource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * {@code GET /api/v1/stream?query=...}: a query answered straight back as a capture, with no job
 * and nothing on disk, for {@code curl ... | tcpdump -r -}. The front door runs it on a thread of
 * its own (not the request pool: a stream lasts as long as its client reads), writing as fast as
 * the client reads; a client that goes away cancels the run, which closes every source and ends
 * the run's threads.
 */
@Controller("/api/v1/stream")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StreamController {
  private static final Logger LOG = LoggerFactory.getLogger(StreamController.class);
  /** The run's own threads (a source each, the writer): named, so that a leak would show. */
  private static final ThreadFactory THREADS = new ThreadFactoryBuilder().setNameFormat("docket-stream-%d").setDaemon(true).build();

  private final ServedSources sources;
  private final AuditLog audit;
  /** Where each stream's run is called; a thread per stream under way, as each costs its sources' threads anyway. */
  private final ExecutorService runs =
      Executors.newCachedThreadPool(new ThreadFactoryBuilder().setNameFormat("docket-streamer-%d").setDaemon(true).build());
  private final Clock clock;

  StreamController(ServedSources sources, AuditLog audit, JobService jobs) {
    this.sources = sources;
    this.audit = audit;
    this.clock = jobs.settings().clock();
  }

  /**
   * @param sources a comma-separated list of source names; all of them when absent
   * @param format {@code pcap} (the default), {@code pcap-ns} or {@code pcapng}
   */
  @Get
  public HttpResponse<Flux<byte[]>> stream(
      @QueryValue String query,
      @QueryValue @io.micronaut.core.annotation.Nullable String sources,
      @QueryValue @io.micronaut.core.annotation.Nullable String format,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    Query parsed = new QueryParser(clock).parse(query);
    OutputFormat output = format == null ? OutputFormat.PCAP : JobRequests.format(format);
    List<PacketSource> asked = selected(sources);
    Docket docket = Docket.builder().sources(asked).format(output).threads(THREADS).build();
    String canonical = QuerySyntax.print(parsed);
    List<String> names = asked.stream().map(PacketSource::name).toList();
    Flux<byte[]> body = Flux.create(sink -> {
      DemandStream out = new DemandStream(sink);
      QueryRun run = docket.prepare(parsed, CaptureSink.toStream(out, "the HTTP response"), dev.docket.source.ScanProgress.NONE);
      sink.onRequest(out::request);
      sink.onCancel(() -> {
        out.cancel();
        run.cancel();
      });
      runs.execute(() -> answer(run, out, sink, caller, canonical, names));
    }, FluxSink.OverflowStrategy.BUFFER);
    String extension = output == OutputFormat.PCAPNG ? ".pcapng" : ".pcap";
    return HttpResponse.ok(body)
        .contentType(ResultDownload.PCAP)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"docket-stream" + extension + "\"");
  }

  /** Streams under way are cut off when the server stops. */
  @PreDestroy
  void stopStreams() {
    runs.shutdownNow();
  }

  /** Runs the query to the response; a failure after the first byte can only cut the response short. */
  private void answer(QueryRun run, DemandStream out, FluxSink<byte[]> sink, Caller caller, String query, List<String> names) {
    String outcome;
    long packets = 0;
    try {
      QueryResult result = run.call();
      packets = result.packets();
      outcome = result.status().name().toLowerCase(Locale.ROOT);
      if (result.status() == QueryResult.Status.FAILED) {
        sink.error(new IllegalStateException(result.failure().orElse("every source failed")));
      } else {
        sink.complete();
      }
    } catch (OutputException | RuntimeException failed) {
      outcome = run.isCancelled() ? "cancelled" : "error";
      if (!run.isCancelled()) {
        LOG.info("a stream for {} ended early: {}", caller.user(), failed.getMessage());
      }
      sink.error(failed);
    }
    audit.streamed(caller, query, names, outcome, packets, out.bytes());
  }

  private List<PacketSource> selected(@org.jspecify.annotations.Nullable String names) {
    if (names == null || names.isBlank()) {
      return sources.all();
    }
    List<PacketSource> selected = new ArrayList<>();
    for (String name : names.split(",")) {
      PacketSource source = sources.all().stream().filter(s -> s.name().equals(name.strip())).findFirst()
          .orElseThrow(() -> ApiException.badRequest("no source is named '" + name.strip() + "'"));
      if (!selected.contains(source)) {
        selected.add(source);
      }
    }
    return selected;
  }
}
