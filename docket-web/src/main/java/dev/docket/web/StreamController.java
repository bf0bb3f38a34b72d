package dev.docket.web;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputFormat;
import dev.docket.QueryResult;
import dev.docket.QueryRun;
import dev.docket.job.JobService;
import dev.docket.query.Query;
import dev.docket.filter.QueryReader;
import dev.docket.query.QuerySyntax;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.netty.buffer.ByteBuf;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

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
   * @param query the query; may be left out when {@code bpf} is the whole query
   * @param bpf a tcpdump filter and-ed with the query, as {@code docket query --bpf}
   * @param sources a comma-separated list of source names; all of them when absent
   * @param format {@code pcap} (the default), {@code pcap-ns} or {@code pcapng}
   */
  @Get
  public Mono<MutableHttpResponse<?>> stream(
      @QueryValue @io.micronaut.core.annotation.Nullable String query,
      @QueryValue @io.micronaut.core.annotation.Nullable String bpf,
      @QueryValue @io.micronaut.core.annotation.Nullable String sources,
      @QueryValue @io.micronaut.core.annotation.Nullable String format,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    // As a job reads it: Docket's language or a whole tcpdump filter, with the bpf parameter and-ed.
    Query parsed = new QueryReader(clock).read(BpfField.queryText(query, bpf, clock));
    OutputFormat output = format == null ? OutputFormat.PCAP : JobRequests.format(format);
    List<PacketSource> asked = selected(sources);
    Docket docket = Docket.builder().sources(asked).format(output).threads(THREADS).build();
    String canonical = QuerySyntax.print(parsed);
    List<String> names = asked.stream().map(PacketSource::name).toList();
    String extension = output == OutputFormat.PCAPNG ? ".pcapng" : ".pcap";
    // The response waits for the first chunk (or the run's end), so that a run that fails before
    // it answers with an error; the body then takes chunks as the client reads them.
    return Mono.create(response -> {
      DemandStream out = new DemandStream(ready -> response.success(
          HttpResponse.ok(Flux.<ByteBuf>create(body -> {
                    body.onCancel(ready::cancel);
                    ready.attach(body);
                  })
                  // A chunk the body took after the client went away is never written: back to the pool.
                  .doOnDiscard(ByteBuf.class, ByteBuf::release))
              .contentType(ResultDownload.PCAP)
              .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"docket-stream" + extension + "\"")));
      QueryRun run = docket.prepare(parsed, CaptureSink.toStream(out, "the HTTP response"), ScanProgress.NONE);
      // The client went away: before the response (the Mono is cancelled) or during the body (the
      // body's cancel reaches out): either way the run is cancelled, its sources closed.
      out.whenCancelled(run::cancel);
      response.onCancel(out::cancel);
      runs.execute(() -> answer(run, out, response, caller, canonical, names));
    });
  }

  /** Streams under way are cut off when the server stops. */
  @PreDestroy
  void stopStreams() {
    runs.shutdownNow();
  }

  /** Runs the query to the response (an OutputException is an IOException); a failure after the first byte can only cut the response short. */
  private void answer(QueryRun run, DemandStream out, MonoSink<MutableHttpResponse<?>> response, Caller caller, String query, List<String> names) {
    String outcome;
    long packets = 0;
    try {
      QueryResult result = run.call();
      packets = result.packets();
      outcome = result.status().name().toLowerCase(Locale.ROOT);
      if (result.status() == QueryResult.Status.FAILED && !out.started()) {
        // Nothing sent yet: the client gets an error it can read, not an empty capture.
        response.success(ErrorBody.response(HttpStatus.BAD_GATEWAY, "no source answered", result.failure().orElse("every source failed")));
      } else if (result.status() == QueryResult.Status.FAILED) {
        out.fail(new IOException(result.failure().orElse("every source failed")));
      } else if (result.status() != QueryResult.Status.CANCELLED) {
        out.finish();
      }
    } catch (IOException | RuntimeException failed) {
      // An OutputException (writing failed, or the client went away while it was written) included.
      // The client's going away fails the write first and cancels the run just after: either says so.
      if (run.isCancelled() || out.isCancelled()) {
        outcome = "cancelled"; // the client went away: nobody to tell
      } else {
        outcome = "error";
        LOG.info("a stream for {} ended early: {}", caller.user(), failed.getMessage());
        if (out.started()) {
          out.fail(failed);
        } else {
          response.success(ErrorBody.response(HttpStatus.INTERNAL_SERVER_ERROR, "stream failed", String.valueOf(failed.getMessage())));
        }
      }
    }
    out.releaseUnsent(); // a cancelled run leaves its last chunk unsent
    audit.streamed(caller, query, names, outcome, packets, out.bytes());
  }

  private List<PacketSource> selected(@Nullable String names) {
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
