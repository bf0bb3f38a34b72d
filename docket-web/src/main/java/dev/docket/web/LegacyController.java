package dev.docket.web;

import dev.docket.job.Job;
import dev.docket.job.JobRefusedException;
import dev.docket.job.JobState;
import dev.docket.job.Submission;
import dev.docket.query.FormQuery;
import dev.docket.query.QueryForm;
import dev.docket.query.QuerySyntax;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The original Docket's routes, for the integrations that call them (Kibana's click-to-PCAP):
 * {@code POST /api/}, {@code GET /api/uri/<path>}, {@code GET /api/raw/<query>}, {@code GET
 * /api/{jobs,status,urls,ids,stats}/[ids]} and downloads at {@code /results/<id>/merged.pcap}.
 * Same shapes, but times keep their zones, limits are kept, and a failed sensor only marks the job
 * partial: jobs of the job service.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class LegacyController {
  private final JobSubmitter submitter;
  private final VisibleJobs jobs;
  private final ResultDownload download;
  private final String basePath;

  LegacyController(JobSubmitter submitter, VisibleJobs jobs, ResultDownload download, ServerSettings settings) {
    this.submitter = submitter;
    this.jobs = jobs;
    this.download = download;
    this.basePath = settings.basePath();
  }

  /** Docket's form (or JSON) fields: answers its {@code id}, {@code query} and {@code url}. */
  @Post(uri = "/api/", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON}, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> submit(HttpRequest<?> request, @Body String body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws JobRefusedException {
    Map<String, Object> fields = request.getContentType().filter(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)).isPresent()
        ? Json.readObject(body)
        : form(body);
    Submission submission = submitter.submit(caller, fields);
    return HttpResponse.<String>status(submission.existing() ? HttpStatus.OK : HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(Json.write(shape(submission.job())));
  }

  /** Kibana's click-to-PCAP: submits the path's query, then 302 to the job, or its JSON when asked for JSON. */
  @Get(uri = "/api/uri/{+path}")
  public HttpResponse<?> uri(@PathVariable String path, HttpRequest<?> request, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws JobRefusedException {
    FormQuery form = QueryForm.fromPath(path, submitter.formClock());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("query", QuerySyntax.print(form.query()));
    form.limitPackets().ifPresent(limit -> fields.put("max-packets", limit));
    form.limitBytes().ifPresent(limit -> fields.put("max-bytes", limit));
    return redirectOrJson(request, submitter.submit(caller, fields));
  }

  /** A query in Docket's language (a superset of Stenographer's) in the path. */
  @Get(uri = "/api/raw/{+query}")
  public HttpResponse<?> raw(@PathVariable String query, HttpRequest<?> request, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws JobRefusedException {
    return redirectOrJson(request, submitter.submit(caller, Map.of("query", query)));
  }

  /** {@code /api/jobs/}, {@code /api/status/}, {@code /api/urls/}, {@code /api/ids/}, {@code /api/stats/}, each optionally for ids a,b,c. */
  @Get(uri = "/api/{view:jobs|status|urls|ids|stats}{/ids}", produces = MediaType.APPLICATION_JSON)
  public String view(@PathVariable String view, @PathVariable @io.micronaut.core.annotation.Nullable String ids, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    List<Job> selected = new ArrayList<>();
    if (ids == null || ids.isBlank()) {
      selected.addAll(jobs.all(caller));
    } else {
      for (String id : ids.split(",")) {
        selected.add(jobs.get(caller, id.strip()));
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    switch (view) {
      case "jobs" -> selected.forEach(job -> json.put(job.id(), JobJson.of(job, basePath)));
      case "status" -> selected.forEach(job -> json.put(job.id(), job.state().wireName()));
      case "urls" -> selected.forEach(job -> json.put(job.id(), resultUrl(job)));
      case "ids" -> json.put("ids", selected.stream().map(Job::id).toList());
      default -> {
        Map<String, Long> counts = new TreeMap<>();
        for (JobState state : JobState.values()) {
          counts.put(state.wireName(), selected.stream().filter(job -> job.state() == state).count());
        }
        json.put("jobs", selected.size());
        json.put("states", counts);
      }
    }
    return Json.write(json);
  }

  /** The original's download path. */
  @Get(uri = "/results/{id}/merged.pcap")
  public HttpResponse<?> merged(String id, HttpRequest<?> request, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws IOException {
    return download.send(request, caller, id);
  }

  private HttpResponse<?> redirectOrJson(HttpRequest<?> request, Submission submission) {
    // A browser (a Kibana click) says text/html, and */* besides, which would match JSON too.
    boolean browser = request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
    boolean wantsJson = !browser && request.accept().stream().anyMatch(type -> type.matches(MediaType.APPLICATION_JSON_TYPE));
    if (wantsJson) {
      return HttpResponse.status(submission.existing() ? HttpStatus.OK : HttpStatus.CREATED)
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(Json.write(shape(submission.job())));
    }
    // A browser lands on the UI's job page; any other client on the job's JSON.
    String location = browser
        ? JobLinks.under(basePath, "ui/job.html?id=" + submission.job().id())
        : JobLinks.self(basePath, submission.job().id());
    return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location);
  }

  private Map<String, Object> shape(Job job) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", job.id());
    json.put("query", job.query());
    json.put("url", resultUrl(job));
    json.put("state", job.state().wireName());
    return json;
  }

  private String resultUrl(Job job) {
    return JobLinks.under(basePath, "results/" + job.id() + "/merged.pcap");
  }

  /** An application/x-www-form-urlencoded body as fields; a repeated name keeps every value. */
  private static Map<String, Object> form(String body) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      Object before = fields.get(name);
      if (before == null) {
        fields.put(name, value);
      } else {
        List<Object> values = before instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(before));
        values.add(value);
        fields.put(name, values);
      }
    }
    return fields;
  }
}
