package dev.docket.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputFormat;
import dev.docket.QueryResult;
import dev.docket.query.QueryParseException;
import dev.docket.query.QueryParser;
import dev.docket.source.PacketSource;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job service over real generated stores: a job's result is the front door's answer to the
 * same query, duplicates are one job, a failing source leaves a partial result of the others, a
 * cancel stops a running job at once, the spool survives a new service, results expire and are
 * evicted with their records saying why, limits and the estimate guard, and the queue is fair.
 *
 * <p>The hang guards ({@link Timeout}) are not timings: they turn a job that never ends into a
 * failure instead of a hung build.
 */
@Timeout(60)
class JobServiceTest {
  private static final Instant NOW = JobStores.START.plus(Duration.ofMinutes(10));
  private static final String BUSY = CraftedTraffic.BUSY_HOST.toString();
  private static final String WINDOW = "after 2024-06-03T09:01:00Z and before 2024-06-03T09:03:00Z";
  private static final String QUERY = "host " + BUSY + " and " + WINDOW;

  @TempDir static Path stores;
  private static Path north;
  private static Path south;

  @TempDir Path spool;
  @TempDir Path out;

  private final TestClock clock = new TestClock(NOW);
  private final List<Thread> threadsMade = new CopyOnWriteArrayList<>();
  private final ThreadFactory threads =
      runnable -> {
        Thread thread = new Thread(runnable, "job-test-" + threadsMade.size());
        thread.setDaemon(true);
        threadsMade.add(thread);
        return thread;
      };
  private final List<JobService> opened = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    north = JobStores.write(stores.resolve("north"), 21, 5, 200);
    south = JobStores.write(stores.resolve("south"), 22, 5, 150);
  }

  @AfterEach
  void closeServices() {
    opened.forEach(JobService::close);
  }

  private LocalStore store(String name, Path directory) {
    return new LocalStore(StoreOptions.of(directory).withName(name), threads);
  }

  private JobSettings settings() {
    return JobSettings.in(spool).withClock(clock).withThreads(threads).withMinFreeBytes(0);
  }

  private JobService open(JobSettings settings, PacketSource... sources) throws IOException {
    JobService service = JobService.open(settings, List.of(sources));
    opened.add(service);
    return service;
  }

  private static Job await(JobService service, Job job) throws InterruptedException {
    Job ended = service.await(job.id(), Duration.ofSeconds(30)).orElseThrow();
    assertThat(ended.state().hasEnded()).as("job %s ended: %s", job.id(), ended).isTrue();
    return ended;
  }

  /** What the front door writes for the same query over the same sources, read back. */
  private List<String> frontDoor(String query, PacketSource... sources) throws IOException {
    Path expected = out.resolve("expected-" + System.nanoTime() + ".pcap");
    QueryResult result =
        Docket.builder().sources(List.of(sources)).threads(threads).build().run(new QueryParser(clock).parse(query), CaptureSink.toFile(expected));
    assertThat(result.status()).isEqualTo(QueryResult.Status.COMPLETE);
    return JobStores.packets(expected);
  }

  @Test
  void aJobsResultIsTheFrontDoorsAnswerToTheSameQuery() throws Exception {
    JobService service = open(settings(), store("north", north), store("south", south));
    Submission submitted = service.submit(JobRequest.of("alice", QUERY));
    assertThat(submitted.existing()).isFalse();
    assertThat(submitted.job().id()).matches("[0-9a-f]{32}");

    Job job = await(service, submitted.job());

    assertThat(job.state()).isEqualTo(JobState.DONE);
    assertThat(job.reason()).isEmpty();
    Path result = service.result(job.id()).orElseThrow();
    List<String> packets = JobStores.packets(result);
    assertThat(packets).isNotEmpty().isEqualTo(frontDoor(QUERY, store("north", north), store("south", south)));
    assertThat(job.resultBytes()).hasValue(Files.size(result));
    assertThat(job.progress().packetsWritten()).isEqualTo(packets.size());
    assertThat(job.progress().packetsMatched()).isEqualTo(packets.size());
    assertThat(job.sources()).extracting(JobSource::name, JobSource::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("north", JobSource.State.DONE), org.assertj.core.groups.Tuple.tuple("south", JobSource.State.DONE));
    assertThat(job.sources().stream().mapToLong(JobSource::packetsMatched).sum()).isEqualTo(packets.size());
    assertThat(job.summary().orElseThrow().totals().packets()).isEqualTo(packets.size());
    assertThat(job.events()).extracting(JobEvent::kind).containsSubsequence("queued", "started", "source", "source", "written", "ended");
    assertThat(job.query()).isEqualTo("host " + BUSY + " and after 2024-06-03T09:01:00Z and before 2024-06-03T09:03:00Z");
    assertEveryRunnerThreadIdle();
  }

  @Test
  void theSameQueryTwiceWithinTheDedupeWindowIsOneJob() throws Exception {
    JobService service = open(settings(), store("north", north));
    Job first = service.submit(JobRequest.of("alice", "host " + BUSY + " and after 7m ago")).job();
    clock.advance(Duration.ofSeconds(20)); // NOW is on a minute: 20 s later rounds to the same minute
    Submission again = service.submit(JobRequest.of("alice", "host " + BUSY + " and after 7m ago"));

    assertThat(again.existing()).isTrue();
    assertThat(again.job().id()).isEqualTo(first.id());
    assertThat(again.job().query()).isEqualTo("host " + BUSY + " and after 2024-06-03T09:03:00Z");
    // Another user, other sources, another format or another minute are other jobs.
    assertThat(service.submit(JobRequest.of("bob", "host " + BUSY + " and after 7m ago")).existing()).isFalse();
    assertThat(service.submit(JobRequest.of("alice", "host " + BUSY + " and after 7m ago").withFormat(OutputFormat.PCAPNG)).existing()).isFalse();
    clock.advance(Duration.ofSeconds(60));
    assertThat(service.submit(JobRequest.of("alice", "host " + BUSY + " and after 7m ago")).existing()).isFalse();
    assertThat(service.jobs()).hasSize(4);
  }

  @Test
  void aFailedJobRunsAgainWhenSubmittedAgain() throws Exception {
    ControlledSource sensor = new ControlledSource("sensor", store("north", north));
    sensor.failWith(Optional.of("connection refused"));
    JobService service = open(settings(), sensor);
    Job failed = await(service, service.submit(JobRequest.of("alice", QUERY)).job());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("sensor").contains("connection refused"));
    assertThat(service.result(failed.id())).isEmpty();

    sensor.failWith(Optional.empty());
    Submission again = service.submit(JobRequest.of("alice", QUERY));
    assertThat(again.existing()).isFalse();
    assertThat(await(service, again.job()).state()).isEqualTo(JobState.DONE);
  }

  @Test
  void aFailingSourceLeavesAPartialResultOfTheOthersPackets() throws Exception {
    ControlledSource south2 = new ControlledSource("south", store("south", south));
    south2.failWith(Optional.of("TLS handshake failed: certificate expired"));
    JobService service = open(settings(), store("north", north), south2);

    Job job = await(service, service.submit(JobRequest.of("alice", QUERY)).job());

    assertThat(job.state()).isEqualTo(JobState.PARTIAL);
    assertThat(job.sources()).extracting(JobSource::name, JobSource::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("north", JobSource.State.DONE), org.assertj.core.groups.Tuple.tuple("south", JobSource.State.FAILED));
    assertThat(job.sources().get(1).error()).hasValueSatisfying(error -> assertThat(error).contains("certificate expired"));
    assertThat(job.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("south").contains("certificate expired"));
    assertThat(JobStores.packets(service.result(job.id()).orElseThrow())).isNotEmpty().isEqualTo(frontDoor(QUERY, store("north", north)));
  }

  @Test
  void cancellingARunningJobStopsItWithinASecondAndLeavesNothing() throws Exception {
    ControlledSource held = new ControlledSource("north", store("north", north));
    held.hold();
    JobService service = open(settings(), held);
    Job job = service.submit(JobRequest.of("alice", QUERY)).job();
    awaitState(service, job.id(), JobState.RUNNING);

    service.cancel(job.id());
    Job cancelled = service.await(job.id(), Duration.ofSeconds(1)).orElseThrow();

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.sources()).extracting(JobSource::state).containsExactly(JobSource.State.CANCELLED);
    assertThat(held.open.get()).as("answers still open").isZero();
    assertThat(service.result(job.id())).isEmpty();
    assertResultsDirectoryHolds(List.of());
    assertEveryRunnerThreadIdle();
  }

  @Test
  void aQueuedJobCancelsAtOnceAndADeletedJobIsGoneWithItsFiles() throws Exception {
    ControlledSource held = new ControlledSource("north", store("north", north));
    held.hold();
    JobService service = open(settings().withRunningJobs(1), held);
    Job running = service.submit(JobRequest.of("alice", QUERY)).job();
    Job queued = service.submit(JobRequest.of("alice", "host " + BUSY)).job();
    awaitState(service, running.id(), JobState.RUNNING);

    assertThat(service.cancel(queued.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(service.delete(running.id())).isTrue();

    assertThat(service.job(running.id())).isEmpty();
    awaitNoneOpen(held);
    assertThat(service.jobs()).extracting(Job::id).containsExactly(queued.id());
    assertThat(Files.exists(spool.resolve("jobs").resolve(running.id() + ".json"))).isFalse();
    assertResultsDirectoryHolds(List.of());
  }

  @Test
  void aNewServiceOverTheSpoolListsEveryJobAgain() throws Exception {
    JobService first = open(settings(), store("north", north));
    Job done = await(first, first.submit(JobRequest.of("alice", QUERY)).job());
    first.close();

    JobService second = open(settings(), store("north", north));

    Job again = second.job(done.id()).orElseThrow();
    assertThat(again.state()).isEqualTo(JobState.DONE);
    assertThat(again.events()).isEqualTo(done.events());
    assertThat(again.summary()).isEqualTo(done.summary());
    assertThat(again.progress()).isEqualTo(done.progress());
    assertThat(again.sources()).isEqualTo(done.sources());
    assertThat(JobStores.packets(second.result(done.id()).orElseThrow())).isEqualTo(frontDoor(QUERY, store("north", north)));
    // The same query is still that job: the key survives too.
    assertThat(second.submit(JobRequest.of("alice", QUERY)).existing()).isTrue();
  }

  @Test
  void aCorruptRecordIsReportedAndSkipped() throws Exception {
    JobService first = open(settings(), store("north", north));
    Job done = await(first, first.submit(JobRequest.of("alice", QUERY)).job());
    first.close();
    Path bad = spool.resolve("jobs").resolve("0123456789abcdef0123456789abcdef.json");
    Files.writeString(bad, "{\"format\": 1, \"id\": \"0123", StandardCharsets.UTF_8);
    Path wrong = spool.resolve("jobs").resolve("fedcba9876543210fedcba9876543210.json");
    Files.writeString(wrong, "{\"format\": 1, \"id\": \"fedcba9876543210fedcba9876543210\"}", StandardCharsets.UTF_8);

    JobService second = open(settings(), store("north", north));

    assertThat(second.jobs()).extracting(Job::id).containsExactly(done.id());
    assertThat(second.problems()).hasSize(2);
    assertThat(second.problems()).anySatisfy(line -> assertThat(line).startsWith(bad + ": skipped, not a JSON job record"));
    assertThat(second.problems()).anySatisfy(line -> assertThat(line).startsWith(wrong + ": skipped, a job record with a missing or wrong field"));
    assertThat(bad).exists();
  }

  @Test
  void resultsExpireAfterTheirAgeAndTheRecordSaysWhy() throws Exception {
    JobService service = open(settings().withExpiry(Duration.ofHours(48)), store("north", north));
    Job done = await(service, service.submit(JobRequest.of("alice", QUERY)).job());
    Path result = service.result(done.id()).orElseThrow();

    clock.advance(Duration.ofHours(47));
    service.sweep();
    assertThat(service.job(done.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
    clock.advance(Duration.ofHours(1));
    service.sweep();

    Job expired = service.job(done.id()).orElseThrow();
    assertThat(expired.state()).isEqualTo(JobState.EXPIRED);
    assertThat(expired.reason()).hasValue("expired: results are kept for 48 h");
    assertThat(expired.resultBytes()).isEmpty();
    assertThat(expired.events()).extracting(JobEvent::kind).endsWith("expired");
    assertThat(service.result(done.id())).isEmpty();
    assertThat(result).doesNotExist();
    // An expired job runs again.
    assertThat(service.submit(JobRequest.of("alice", QUERY)).existing()).isFalse();
  }

  @Test
  void theOldestResultsAreEvictedBeyondTheQuota() throws Exception {
    JobService probe = open(settings(), store("north", north));
    long one = await(probe, probe.submit(JobRequest.of("probe", QUERY)).job()).resultBytes().orElseThrow();
    probe.close();
    JobService service = open(settings().withQuotaBytes(one * 3 / 2), store("north", north));

    Job oldest = await(service, service.submit(JobRequest.of("alice", QUERY)).job());
    clock.advance(Duration.ofMinutes(1));
    Job newest = await(service, service.submit(JobRequest.of("bob", QUERY)).job());

    assertThat(service.job(oldest.id()).orElseThrow().state()).isEqualTo(JobState.EXPIRED);
    assertThat(service.job(oldest.id()).orElseThrow().reason()).hasValueSatisfying(reason -> assertThat(reason).contains("quota"));
    assertThat(service.job(newest.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertResultsDirectoryHolds(List.of(newest.id() + ".pcap"));
  }

  @Test
  void aJobStopsAtItsPacketLimitAndSaysSo() throws Exception {
    JobService service = open(settings().withLimits(1_000, 1L << 30), store("north", north));

    Job job = await(service, service.submit(JobRequest.of("alice", QUERY).withMaxPackets(10)).job());

    assertThat(job.state()).isEqualTo(JobState.PARTIAL);
    assertThat(job.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("stopped at the job's limit of 10 packets"));
    List<String> packets = JobStores.packets(service.result(job.id()).orElseThrow());
    assertThat(packets).isEqualTo(frontDoor(QUERY, store("north", north)).subList(0, 10));
    assertThatThrownBy(() -> service.submit(JobRequest.of("alice", QUERY).withMaxPackets(5_000)))
        .isInstanceOf(JobRefusedException.class)
        .hasMessage("the packet limit 5000 packets is above the service's 1000 packets; ask for 1000 or less");
  }

  @Test
  void theEstimateComesFromTheCatalogAndRefusesALargeQueryUnlessAccepted() throws Exception {
    JobService service = open(settings().withMaxEstimate(1 << 20, Duration.ofHours(1)), store("north", north));

    JobEstimate window = service.estimate(JobRequest.of("alice", QUERY));
    JobEstimate everything = service.estimate(JobRequest.of("alice", "ip or not ip"));

    // Two of the five one-minute files overlap the window (and a third that ends on its start may).
    assertThat(window.sources().get(0).files().orElseThrow()).isBetween(2L, 3L);
    assertThat(everything.sources().get(0).files()).hasValue(5);
    long storeBytes;
    try (Stream<Path> files = Files.list(north)) {
      storeBytes = files.filter(file -> file.getFileName().toString().startsWith("dump-")).mapToLong(file -> file.toFile().length()).sum();
    }
    assertThat(everything.bytes()).isBetween(storeBytes - 5 * 24, storeBytes);
    assertThat(window.bytes()).isLessThan(everything.bytes() / 2);
    assertThat(everything.window()).isEmpty();
    assertThat(window.window()).hasValue(Duration.ofMinutes(2));
    assertThat(everything.tooLarge()).hasValueSatisfying(reason -> assertThat(reason).startsWith("the query would read ").contains("accept-large"));
    assertThatThrownBy(() -> service.submit(JobRequest.of("alice", "ip or not ip")))
        .isInstanceOfSatisfying(JobRefusedException.class, refused -> assertThat(refused.reason()).isEqualTo(JobRefusedException.Reason.TOO_LARGE));
    assertThat(await(service, service.submit(JobRequest.of("alice", "ip or not ip").withAcceptLarge(true)).job()).state()).isEqualTo(JobState.DONE);
  }

  @Test
  void aSourceThatCannotEstimateIsRefusedAWindowLongerThanTheLimit() throws Exception {
    ControlledSource sensor = new ControlledSource("sensor", store("north", north));
    sensor.stopEstimating();
    JobService service = open(settings().withMaxEstimate(1L << 40, Duration.ofHours(1)), sensor);

    assertThat(service.estimate(JobRequest.of("alice", "after 30m ago")).tooLarge()).isEmpty();
    assertThat(service.estimate(JobRequest.of("alice", "after 2h ago")).tooLarge())
        .hasValue("the query asks 2 h of a source that cannot estimate its cost (more than 1 h); give it a shorter window (after/before), or accept it (accept-large)");
    assertThat(service.estimate(JobRequest.of("alice", "host " + BUSY)).tooLarge()).hasValueSatisfying(reason -> assertThat(reason).startsWith("the query asks all of time"));
  }

  @Test
  void aSpoolBelowItsFloorOfFreeSpaceRefusesNewJobs() throws Exception {
    JobService service = open(settings().withMinFreeBytes(Long.MAX_VALUE / 2), store("north", north));

    assertThatThrownBy(() -> service.submit(JobRequest.of("alice", QUERY)))
        .isInstanceOfSatisfying(JobRefusedException.class, refused -> {
          assertThat(refused.reason()).isEqualTo(JobRefusedException.Reason.NO_SPACE);
          assertThat(refused.getMessage()).startsWith("the spool " + spool + " has ").contains("free, below its floor of");
        });
    assertThat(service.jobs()).isEmpty();
  }

  @Test
  void badRequestsAreRefusedInWords() throws Exception {
    JobService service = open(settings(), store("north", north));

    assertThatThrownBy(() -> service.submit(JobRequest.of("alice", "host 10.0.0.1 and")))
        .isInstanceOf(QueryParseException.class);
    assertThatThrownBy(() -> service.submit(JobRequest.of("alice", QUERY).withSources(List.of("south"))))
        .isInstanceOf(JobRefusedException.class)
        .hasMessage("no source is named south; the sources are north");
  }

  @Test
  void oneUsersManyJobsDoNotHoldUpAnothersOne() throws Exception {
    ControlledSource held = new ControlledSource("north", store("north", north));
    held.hold();
    JobService service = open(settings().withRunningJobs(1), held);
    List<Job> alices = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      alices.add(service.submit(JobRequest.of("alice", "host 10.1.0." + i + " and " + WINDOW)).job());
    }
    Job bobs = service.submit(JobRequest.of("bob", "host 10.2.0.1 and " + WINDOW)).job();

    for (int i = 0; i < 4; i++) {
      awaitAsked(held, i + 1);
      held.pass();
    }
    for (Job job : alices) {
      await(service, job);
    }
    await(service, bobs);

    // Alice's first ran first; then Bob's, before Alice's second and third.
    assertThat(held.asked).hasSize(4);
    assertThat(held.asked.get(0)).contains("10.1.0.1");
    assertThat(held.asked.get(1)).contains("10.2.0.1");
    assertThat(held.asked.get(2)).contains("10.1.0.2");
    assertThat(held.asked.get(3)).contains("10.1.0.3");
  }

  @Test
  void noSourceIsAskedMoreQueriesAtOnceThanItsSlots() throws Exception {
    ControlledSource busy = new ControlledSource("north", store("north", north));
    ControlledSource other = new ControlledSource("south", store("south", south));
    busy.hold();
    other.hold();
    JobService service = open(settings().withRunningJobs(3).withQueriesPerSource(1), busy, other);

    Job first = service.submit(JobRequest.of("alice", QUERY).withSources(List.of("north"))).job();
    Job second = service.submit(JobRequest.of("bob", QUERY).withSources(List.of("north"))).job();
    Job elsewhere = service.submit(JobRequest.of("carol", QUERY).withSources(List.of("south"))).job();
    awaitState(service, first.id(), JobState.RUNNING);
    awaitState(service, elsewhere.id(), JobState.RUNNING);

    assertThat(service.job(second.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    busy.release();
    other.release();
    assertThat(await(service, second).state()).isEqualTo(JobState.DONE);
    assertThat(busy.mostOpen.get()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------

  private static void awaitState(JobService service, String id, JobState state) throws InterruptedException {
    long version = -1;
    while (true) {
      Job job = service.awaitChange(id, version, Duration.ofSeconds(30)).orElseThrow();
      if (job.state() == state) {
        return;
      }
      assertThat(job.state().hasEnded()).as("job %s ended before it was %s: %s", id, state, job).isFalse();
      version = job.version();
    }
  }

  private static void awaitAsked(ControlledSource source, int answers) throws InterruptedException {
    while (source.asked.size() < answers) {
      Thread.sleep(5);
    }
  }

  private static void awaitNoneOpen(ControlledSource source) throws InterruptedException {
    while (source.open.get() > 0) {
      Thread.sleep(5);
    }
  }

  private void assertResultsDirectoryHolds(List<String> names) throws IOException {
    try (Stream<Path> files = Files.list(spool.resolve("results"))) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names);
    }
  }

  /** Every thread the service made is a runner waiting for work, or has ended: no run is left. */
  private void assertEveryRunnerThreadIdle() throws InterruptedException {
    for (Thread thread : threadsMade) {
      for (int i = 0; i < 200 && thread.isAlive() && thread.getState() == Thread.State.RUNNABLE; i++) {
        Thread.sleep(5);
      }
      if (thread.isAlive()) {
        assertThat(thread.getState()).as("%s", thread.getName()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        assertThat(Stream.of(thread.getStackTrace()).map(StackTraceElement::getClassName))
            .as("%s is an idle runner", thread.getName())
            .contains("java.util.concurrent.ThreadPoolExecutor")
            .doesNotContain("dev.docket.job.JobService", "dev.docket.QueryRun");
      }
    }
  }
}
