package dev.docket.web;

import dev.docket.filter.QueryReader;
import dev.docket.job.JobEstimate;
import dev.docket.job.JobRefusedException;
import dev.docket.job.JobRequest;
import dev.docket.job.JobService;
import dev.docket.plan.StenographerQuery;
import dev.docket.plan.StenographerSyntax;
import dev.docket.query.Bpf;
import dev.docket.query.BpfSyntax;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QuerySyntax;
import dev.docket.query.TimeWindow;
import dev.docket.source.SourceEstimate;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a query means and costs, and how the sources are: {@code /api/v1/parse}, {@code estimate}, {@code sources}. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class HelpersController {
  private final JobService jobs;
  private final SourceHealth health;

  HelpersController(JobService jobs, ServedSources sources) {
    this.jobs = jobs;
    this.health = new SourceHealth(sources.all(), SourceHealth.DEFAULT_DEADLINE);
  }

  /**
   * The query in Docket's canonical form, Stenographer's dialect and tcpdump's, and its time window;
   * or the error at its column. A {@code bpf} field is and-ed with it (or is the whole query); its
   * error is said with {@code "field": "bpf"}.
   */
  @Post(uri = "/parse", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  public String parse(@Body String body) {
    Map<String, Object> request = Json.readObject(body);
    Optional<Bpf> bpf = BpfField.read(request.get(BpfField.NAME));
    Object given = request.get("query");
    if ((given != null && !(given instanceof String)) || (given == null && bpf.isEmpty())) {
      throw ApiException.badRequest("give the query as a string: {\"query\": \"host 10.0.0.1\"}, optionally with a tcpdump filter as \"bpf\"");
    }
    String text = given == null ? "" : (String) given;
    Query query;
    boolean asTcpdump = false;
    Optional<Query> split = Optional.empty();
    if (text.isBlank() && bpf.isPresent()) {
      query = bpf.get();
    } else {
      // As the job service reads it: Docket's language, else a whole tcpdump filter (said in "tcpdump").
      QueryReader.Reading reading = new QueryReader(jobs.settings().clock()).reading(text);
      query = BpfField.and(reading.query(), bpf);
      asTcpdump = reading.asTcpdump();
      split = reading.split().map(part -> BpfField.and(part, bpf));
    }
    StenographerQuery stenographer = StenographerSyntax.print(query);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("canonical", QuerySyntax.print(query));
    json.put("tcpdump", asTcpdump);
    split.ifPresent(part -> json.put("split", QuerySyntax.print(part)));
    json.put("stenographer", stenographer.text());
    json.put("stenographer-relaxed", stenographer.relaxed());
    try {
      json.put("bpf", BpfSyntax.print(query));
    } catch (InvalidQueryException inexpressible) {
      json.put("bpf", null);
      json.put("bpf-error", inexpressible.getMessage());
    }
    TimeWindow window = TimeWindow.split(query).window();
    Map<String, Object> bounds = new LinkedHashMap<>();
    bounds.put("after", window.after() == null ? null : window.after().toString());
    bounds.put("before", window.before() == null ? null : window.before().toString());
    json.put("window", bounds);
    return Json.write(json);
  }

  /** What the query would cost at each source, and whether a job of it would be refused as too large. */
  @Get(uri = "/estimate", produces = MediaType.APPLICATION_JSON)
  public String estimate(@QueryValue @io.micronaut.core.annotation.Nullable String query,
      @QueryValue @io.micronaut.core.annotation.Nullable String bpf,
      @QueryValue @io.micronaut.core.annotation.Nullable String sources,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws JobRefusedException {
    JobRequest request = JobRequest.of(caller.user(), BpfField.queryText(query, bpf, jobs.settings().clock()));
    if (sources != null && !sources.isBlank()) {
      request = request.withSources(List.of(sources.split(",")));
    }
    JobEstimate estimate = jobs.estimate(request);
    Map<String, Object> json = new LinkedHashMap<>();
    List<Object> each = new ArrayList<>();
    for (SourceEstimate source : estimate.sources()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("name", source.source());
      line.put("known", source.isKnown());
      source.files().ifPresent(files -> line.put("files", files));
      source.bytes().ifPresent(bytes -> line.put("bytes", bytes));
      source.packetsAtMost().ifPresent(packets -> line.put("packets-at-most", packets));
      each.add(line);
    }
    json.put("sources", each);
    estimate.window().ifPresent(window -> json.put("window-seconds", window.toSeconds()));
    json.put("bytes", estimate.bytes());
    json.put("packets-at-most", estimate.packetsAtMost());
    json.put("too-large", estimate.tooLarge().orElse(null));
    return Json.write(json);
  }

  /**
   * Each source's health and what it says of itself, all asked at once; one that cannot be asked,
   * or does not answer in time, says why.
   */
  @Get(uri = "/sources", produces = MediaType.APPLICATION_JSON)
  public String sources() throws InterruptedException {
    List<Object> all = new ArrayList<>();
    for (SourceHealth.Health source : health.askAll()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("name", source.name());
      source.stats().ifPresent(stats -> line.put("stats", new LinkedHashMap<>(stats.values())));
      line.put("healthy", source.healthy());
      source.error().ifPresent(error -> line.put("error", error));
      all.add(line);
    }
    return Json.write(Map.of("sources", all));
  }

  /** Sources still being asked are given up when the server stops. */
  @PreDestroy
  void stopAsking() {
    health.close();
  }
}
