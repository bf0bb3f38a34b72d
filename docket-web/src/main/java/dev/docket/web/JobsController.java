package dev.docket.web;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.job.Job;
import dev.docket.job.JobRefusedException;
import dev.docket.job.JobState;
import dev.docket.job.JobWatch;
import dev.docket.job.Submission;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The job routes of the REST API, {@code /api/v1/jobs}: translated to the job service's calls. */
@Controller("/api/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class JobsController {
  private static final int DEFAULT_PAGE = 100;
  private static final int MOST_PAGE = 1000;

  private final VisibleJobs jobs;
  private final JobSubmitter submitter;
  private final ResultDownload download;
  /** Where job changes are told to event streams: building a job's JSON is all it does, so two threads serve every stream. */
  private final ExecutorService events =
      Executors.newFixedThreadPool(2, new ThreadFactoryBuilder().setNameFormat("docket-events-%d").setDaemon(true).build());
  private final Duration heartbeat;
  private final String basePath;

  JobsController(
      VisibleJobs jobs,
      JobSubmitter submitter,
      ResultDownload download,
      ServerSettings settings,
      @Value("${docket.sse.heartbeat:15s}") Duration heartbeat) {
    this.jobs = jobs;
    this.submitter = submitter;
    this.download = download;
    this.heartbeat = heartbeat;
    this.basePath = settings.basePath();
  }

  /** 201 with the new job, or 200 with the identical one already submitted. */
  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> submit(@Body String body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws JobRefusedException {
    Submission submission = submitter.submit(caller, Json.readObject(body));
    Map<String, Object> json = JobJson.of(submission.job(), basePath);
    json.put("existing", submission.existing());
    return HttpResponse.<String>status(submission.existing() ? HttpStatus.OK : HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header("Location", JobLinks.self(basePath, submission.job().id()))
        .body(Json.write(json));
  }

  /** The caller's jobs (an admin's: everyone's) newest first, by state and user, a page at a time. */
  @Get(produces = MediaType.APPLICATION_JSON)
  public String list(
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @QueryValue @io.micronaut.core.annotation.Nullable String state,
      @QueryValue @io.micronaut.core.annotation.Nullable String user,
      @QueryValue @io.micronaut.core.annotation.Nullable Integer limit,
      @QueryValue @io.micronaut.core.annotation.Nullable Integer offset) {
    Optional<JobState> wanted = Optional.ofNullable(state).filter(s -> !s.isBlank()).map(JobsController::state);
    int page = limit == null ? DEFAULT_PAGE : limit;
    int skip = offset == null ? 0 : offset;
    if (page < 1 || page > MOST_PAGE || skip < 0) {
      throw ApiException.badRequest("limit must be 1-" + MOST_PAGE + " and offset 0 or more");
    }
    List<Job> matching = jobs.all(caller).stream()
        .filter(job -> wanted.isEmpty() || job.state() == wanted.get())
        .filter(job -> user == null || user.isBlank() || job.user().equals(user))
        .toList();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", matching.size());
    json.put("offset", skip);
    json.put("limit", page);
    json.put("jobs", matching.stream().skip(skip).limit(page).map(job -> JobJson.of(job, basePath)).toList());
    return Json.write(json);
  }

  @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  public String job(String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    return Json.write(JobJson.of(jobs.get(caller, id), basePath));
  }

  /** Cancels the job if it still runs, then deletes its record and result: 204. */
  @Delete(uri = "/{id}")
  public HttpResponse<?> delete(String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws InterruptedException {
    Job job = jobs.get(caller, id);
    jobs.service().delete(job.id());
    return HttpResponse.noContent();
  }

  /** Stops the job if it still runs and keeps its record, so the user sees it was cancelled: the job as it then stands. */
  @Post(uri = "/{id}/cancel", produces = MediaType.APPLICATION_JSON)
  public String cancel(String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    Job job = jobs.get(caller, id);
    return Json.write(JobJson.of(jobs.service().cancel(job.id()).orElse(job), basePath));
  }

  @Get(uri = "/{id}/pcap")
  public HttpResponse<?> pcap(String id, HttpRequest<?> request, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) throws IOException {
    return download.send(request, caller, id);
  }

  /**
   * Server-sent events: the job as it stands ({@code job}), again at every change, until it ends;
   * between changes a {@code heartbeat} keeps proxies and the idle timeout from closing the stream.
   * No thread waits for a client's job: the service's watch tells the change on the events pool,
   * and heartbeats come from Reactor's timer.
   */
  @Get(uri = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
  public Publisher<Event<String>> events(String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    jobs.get(caller, id);
    return Flux.create(sink -> {
      JobWatch watch = jobs.service().watch(id, events, job -> {
        if (job.isEmpty()) {
          sink.complete(); // deleted
          return;
        }
        sink.next(Event.of(Json.write(JobJson.of(job.get(), basePath))).name("job").id(Long.toString(job.get().version())));
        if (job.get().state().hasEnded()) {
          sink.complete();
        }
      });
      Disposable beats = Schedulers.parallel().schedulePeriodically(
          () -> sink.next(Event.of("{}").name("heartbeat")), heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
      sink.onDispose(() -> {
        watch.close();
        beats.dispose();
      });
    });
  }

  /** The events pool stops with the server. */
  @PreDestroy
  void stopEvents() {
    events.shutdownNow();
  }

  private static JobState state(String name) {
    try {
      return JobState.ofWireName(name);
    } catch (IllegalArgumentException unknown) {
      throw ApiException.badRequest("state '" + name + "' is not one of queued, running, done, partial, failed, cancelled, expired");
    }
  }
}
