package dev.docket.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.query.QueryParser;
import dev.docket.source.PacketSource;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random interleavings of what happens to a job service: submissions by three users, duplicate
 * submissions, cancels, deletes, a source failing and recovering, the service restarted over its
 * spool, and results aging past their expiry, with jobs running on their own threads meanwhile.
 * After every step: no job is lost, no unfinished file is ever a result, states only move forward,
 * counts add up, and the spool stays within its quota. At the end every job with a result holds
 * exactly the front door's answer to its query.
 */
class JobSimulationProperties {
  private static final List<String> QUERIES =
      List.of(
          "tcp and after 2024-06-03T09:00:20Z and before 2024-06-03T09:01:10Z",
          "udp port 53",
          "host 10.1.1.53 or host 2001:db8:2::53",
          "not tcp and after 1h ago");
  private static final List<String> USERS = List.of("alice", "bob", "carol");

  private static Path scratch;
  private static Path north;
  private static Path south;
  /** The largest result any query gives, which sets a quota that must evict some. */
  private static long largestResult;

  @BeforeContainer
  static void generate() throws IOException {
    scratch = Files.createTempDirectory("docket-job-simulation");
    north = JobStores.write(scratch.resolve("north"), 51, 2, 60);
    south = JobStores.write(scratch.resolve("south"), 52, 2, 40);
  }

  @AfterContainer
  static void remove() throws IOException {
    try (Stream<Path> files = Files.walk(scratch)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** One thing that happens: what, and two numbers that choose among users, queries and jobs. */
  record Step(Kind kind, int first, int second) {}

  enum Kind { SUBMIT, DUPLICATE, CANCEL, DELETE, FAIL_SOURCE, RECOVER_SOURCE, RESTART, AGE }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                // Submissions are the most common thing that happens, and what gives the rest jobs to act on.
                Arbitraries.frequency(
                    Tuple.of(6, Kind.SUBMIT), Tuple.of(2, Kind.DUPLICATE), Tuple.of(2, Kind.CANCEL), Tuple.of(1, Kind.DELETE),
                    Tuple.of(1, Kind.FAIL_SOURCE), Tuple.of(1, Kind.RECOVER_SOURCE), Tuple.of(1, Kind.RESTART), Tuple.of(1, Kind.AGE)),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1000))
            .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(25);
  }

  @Property(tries = 25)
  void jobsSurviveAnyInterleaving(@ForAll("steps") List<Step> steps) throws Exception {
    Path spool = Files.createTempDirectory(scratch, "spool");
    TestClock clock = new TestClock(JobStores.START.plus(Duration.ofMinutes(30)));
    ControlledSource northSource = new ControlledSource("north", LocalStore.of(north));
    ControlledSource southSource = new ControlledSource("south", new LocalStore(StoreOptions.of(south)));
    long quota = largestResult(clock) * 3 / 2;
    JobSettings settings =
        JobSettings.in(spool).withClock(clock).withMinFreeBytes(0).withQuotaBytes(quota).withRunningJobs(2).withQueriesPerSource(1);
    Simulation simulation = new Simulation(settings, List.of(northSource, southSource), quota);
    try {
      for (Step step : steps) {
        simulation.take(step, clock, northSource, southSource);
        simulation.check(false);
      }
      simulation.settle();
      simulation.check(true);
      simulation.checkResultsAreTheFrontDoorsAnswers();
    } finally {
      simulation.service.close();
    }
  }

  private static long largestResult(TestClock clock) throws IOException {
    if (largestResult == 0) {
      for (String query : QUERIES) {
        Path file = Files.createTempFile(scratch, "largest", ".pcap");
        Docket.builder().source(LocalStore.of(north)).source(LocalStore.of(south)).build()
            .run(new QueryParser(clock).parse(query), CaptureSink.toFile(file));
        largestResult = Math.max(largestResult, Files.size(file));
      }
    }
    return largestResult;
  }

  /** The service under test, and what the test knows it must hold. */
  private static final class Simulation {
    private final JobSettings settings;
    private final List<ControlledSource> sources;
    private final long quota;
    private JobService service;
    private final List<JobRequest> submitted = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Set<String> deleted = new HashSet<>();
    private final Map<String, JobState> lastSeen = new HashMap<>();

    Simulation(JobSettings settings, List<ControlledSource> sources, long quota) throws IOException {
      this.settings = settings;
      this.sources = sources;
      this.quota = quota;
      this.service = JobService.open(settings, List.copyOf(sources));
    }

    void take(Step step, TestClock clock, ControlledSource north, ControlledSource south) throws Exception {
      switch (step.kind()) {
        case SUBMIT -> {
          JobRequest request = JobRequest.of(USERS.get(step.first() % USERS.size()), QUERIES.get(step.second() % QUERIES.size()));
          if (step.first() % 3 == 0) {
            request = request.withSources(List.of(step.second() % 2 == 0 ? "north" : "south"));
          }
          submit(request);
        }
        case DUPLICATE -> {
          if (!submitted.isEmpty()) {
            JobRequest again = submitted.get(step.first() % submitted.size());
            Submission submission = submit(again);
            if (submission.existing()) {
              assertThat(submission.job().state()).isIn(JobState.QUEUED, JobState.RUNNING, JobState.DONE, JobState.PARTIAL);
            }
          }
        }
        case CANCEL -> pick(step).ifPresent(id -> service.cancel(id));
        case DELETE -> pick(step).ifPresent(id -> {
          try {
            assertThat(service.delete(id)).isTrue();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          deleted.add(id);
        });
        case FAIL_SOURCE -> (step.first() % 2 == 0 ? north : south).failWith(Optional.of("sensor offline (simulated)"));
        case RECOVER_SOURCE -> (step.first() % 2 == 0 ? north : south).failWith(Optional.empty());
        case RESTART -> {
          service.close();
          service = JobService.open(settings, List.copyOf(sources));
          assertThat(service.problems()).isEmpty();
        }
        case AGE -> {
          clock.advance(Duration.ofHours(25));
          service.sweep();
        }
      }
    }

    private Submission submit(JobRequest request) throws JobRefusedException {
      Submission submission = service.submit(request);
      submitted.add(request);
      ids.add(submission.job().id());
      return submission;
    }

    private Optional<String> pick(Step step) {
      List<String> live = ids.stream().filter(id -> !deleted.contains(id)).sorted().toList();
      return live.isEmpty() ? Optional.empty() : Optional.of(live.get(step.second() % live.size()));
    }

    /** Lets every job end. */
    void settle() throws InterruptedException {
      sources.forEach(source -> source.failWith(Optional.empty()));
      for (String id : ids) {
        if (!deleted.contains(id)) {
          Job job = service.await(id, Duration.ofSeconds(60)).orElseThrow();
          assertThat(job.state().hasEnded()).as("%s ended", id).isTrue();
        }
      }
    }

    void check(boolean settled) throws IOException {
      List<Job> jobs = service.jobs();
      Set<String> listed = new HashSet<>();
      long stored = 0;
      for (Job job : jobs) {
        listed.add(job.id());
        JobState before = lastSeen.get(job.id());
        if (before != null && before != job.state()) {
          // Between two looks a job may have taken several steps: forward ones only.
          assertThat(reachable(before)).as("job %s went from %s to %s", job.id(), before, job.state()).contains(job.state());
        }
        lastSeen.put(job.id(), job.state());
        Optional<Path> result = service.result(job.id());
        if (settled) {
          assertThat(result.isPresent()).as("%s has a result", job).isEqualTo(job.hasResult());
        }
        if (result.isPresent()) {
          Path file = result.get();
          assertThat(file.getFileName().toString()).doesNotContain(".partial").doesNotStartWith(".");
          List<String> packets;
          try {
            packets = JobStores.packets(file);
          } catch (NoSuchFileException evicted) {
            // Another job ended meanwhile and its sweep evicted this result: the record says so.
            assertThat(service.job(job.id()).map(Job::state)).hasValue(JobState.EXPIRED);
            continue;
          }
          // Whole: it read to its end without damage, and holds what the job says it wrote.
          Job now = service.job(job.id()).orElseThrow();
          if (now.hasResult()) {
            stored += Files.size(file);
            assertThat(now.resultBytes()).hasValue(Files.size(file));
            assertThat((long) packets.size()).as("%s", now).isEqualTo(now.progress().packetsWritten());
            assertThat(now.summary().orElseThrow().totals().packets()).isEqualTo(packets.size());
            if (now.state() == JobState.DONE) {
              assertThat(now.sources().stream().mapToLong(JobSource::packetsMatched).sum()).isEqualTo(packets.size());
            }
          }
        }
        if (job.state() == JobState.PARTIAL || job.state() == JobState.FAILED) {
          assertThat(job.reason()).isPresent();
        }
      }
      for (String id : ids) {
        if (!deleted.contains(id)) {
          assertThat(listed).as("job %s is still listed", id).contains(id);
        }
      }
      deleted.forEach(id -> assertThat(listed).as("deleted job %s", id).doesNotContain(id));
      assertThat(stored).as("results within the quota").isLessThanOrEqualTo(quota);
    }

    /** The states a job in {@code from} can reach by forward steps. */
    private static Set<JobState> reachable(JobState from) {
      Set<JobState> reached = new HashSet<>();
      List<JobState> next = new ArrayList<>(List.of(from));
      while (!next.isEmpty()) {
        JobState state = next.remove(next.size() - 1);
        for (JobState to : JobState.values()) {
          if (state.canMoveTo(to) && reached.add(to)) {
            next.add(to);
          }
        }
      }
      return reached;
    }

    void checkResultsAreTheFrontDoorsAnswers() throws IOException {
      for (Job job : service.jobs()) {
        if (job.state() == JobState.DONE) {
          List<PacketSource> asked = new ArrayList<>();
          for (JobSource source : job.sources()) {
            asked.add(source.name().equals("north") ? LocalStore.of(north) : new LocalStore(StoreOptions.of(south)));
          }
          Path expected = Files.createTempFile(scratch, "expected", ".pcap");
          QueryResult run = Docket.builder().sources(asked).build().run(new QueryParser(settings.clock()).parse(job.query()), CaptureSink.toFile(expected));
          assertThat(run.status()).isEqualTo(QueryResult.Status.COMPLETE);
          assertThat(JobStores.packets(service.result(job.id()).orElseThrow())).as("%s", job).isEqualTo(JobStores.packets(expected));
          Files.delete(expected);
        }
      }
    }
  }
}
