package dev.docket.bench;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.RunListener;
import dev.docket.job.Job;
import dev.docket.job.JobRequest;
import dev.docket.job.JobService;
import dev.docket.job.JobSettings;
import dev.docket.job.JobState;
import dev.docket.packet.PacketView;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import dev.docket.summary.SummaryCollector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job service's benchmarks, in one warm JVM over a real store (the 5 GB one that
 * {@code bench/jobs.sh} generates): the latency from submit to done of a one-minute window; fifty
 * jobs submitted at once by five users, one of whom asks for whole hours (total time, the spread of
 * the others' one-minute jobs' latencies, peak heap and threads); and what the result summary costs
 * a result's writing. Prints Markdown on standard output.
 *
 * <p>Arguments: STORE SPOOL_PARENT HOST FIRST_MINUTE (an ISO instant inside the store) [ROUNDS]
 */
public final class JobsBench {
  private JobsBench() {}

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    Path spools = Path.of(args[1]);
    String host = args[2];
    Instant first = Instant.parse(args[3]);
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    LocalStore source = new LocalStore(StoreOptions.of(store).withName("store"), LocalStore.daemonThreads());
    HeapWatch heap = new HeapWatch();
    heap.start();

    System.out.println("### jobs (`bench/jobs.sh`) — " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    System.out.println();
    System.out.printf(Locale.ROOT, "- store %s: %s in %d files; JVM %s, -Xmx%d MiB; load %s%n", store, size(store), count(store),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, load());
    System.out.println();

    latency(source, spools, host, first, rounds);
    fairness(source, spools, host, first, heap);
    summaryCost(source, host, first, rounds);
    heap.stopWatching();
  }

  /** Submit to done for one-minute windows, warm: each round a new window, so no duplicate is found. */
  private static void latency(LocalStore source, Path spools, String host, Instant first, int rounds) throws Exception {
    try (JobService jobs = JobService.open(settings(spools), List.of(source))) {
      List<Double> selective = new ArrayList<>();
      List<Double> everything = new ArrayList<>();
      int minute = 0;
      for (int warm = 0; warm < 20; warm++) {
        run(jobs, "warm", "host " + host + " and " + window(first, minute++));
      }
      for (int round = 0; round < 4 * rounds; round++) {
        selective.add(run(jobs, "alice", "host " + host + " and " + window(first, minute)));
        everything.add(run(jobs, "alice", window(first, minute++)));
      }
      System.out.println("| one-minute window, submit to done | median ms | min–max ms | runs |");
      System.out.println("|---|---|---|---|");
      System.out.println(row("`host " + host + "` (selective, through the index)", selective));
      System.out.println(row("every packet of the minute", everything));
      System.out.println();
    }
  }

  private static double run(JobService jobs, String user, String query) throws Exception {
    long start = System.nanoTime();
    Job job = jobs.submit(JobRequest.of(user, query).withAcceptLarge(true)).job();
    Job done = jobs.await(job.id(), Duration.ofMinutes(10)).orElseThrow();
    double millis = (System.nanoTime() - start) / 1e6;
    if (done.state() != JobState.DONE) {
      throw new IllegalStateException("job " + query + " ended " + done.state() + ": " + done.reason().orElse(""));
    }
    return millis;
  }

  /**
   * Fifty jobs at once from five users: "heavy" asks for whole hours of the busy host, the four
   * others ask one-minute windows. With a fair queue the one-minute jobs do not wait for the hours.
   */
  private static void fairness(LocalStore source, Path spools, String host, Instant first, HeapWatch heap) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.resetPeakThreadCount();
    heap.reset();
    try (JobService jobs = JobService.open(settings(spools), List.of(source))) {
      List<String> users = List.of("heavy", "bob", "carol", "dave", "erin");
      List<Double> minuteLatencies = Collections.synchronizedList(new ArrayList<>());
      List<Double> hourLatencies = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> submitters = new ArrayList<>();
      long start = System.nanoTime();
      AtomicLong failures = new AtomicLong();
      for (int u = 0; u < users.size(); u++) {
        String user = users.get(u);
        int offset = u;
        Thread submitter = new Thread(() -> {
          try {
            go.await();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
              String query = user.equals("heavy")
                  ? "host " + host + " and after " + first.plus(Duration.ofMinutes(i * 3)) + " and before " + first.plus(Duration.ofMinutes(i * 3 + 60))
                  : "host " + host + " and " + window(first, 30 + offset * 10 + i);
              String id = jobs.submit(JobRequest.of(user, query).withAcceptLarge(true)).job().id();
              ids.add(id);
            }
            for (String id : ids) {
              Job done = jobs.await(id, Duration.ofMinutes(30)).orElseThrow();
              if (done.state() != JobState.DONE) {
                failures.incrementAndGet();
              }
              double millis = (done.ended().orElseThrow().toEpochMilli() - done.submitted().toEpochMilli());
              (user.equals("heavy") ? hourLatencies : minuteLatencies).add(millis);
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, "submitter-" + user);
        submitters.add(submitter);
        submitter.start();
      }
      go.countDown();
      for (Thread submitter : submitters) {
        submitter.join();
      }
      double total = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "50 jobs at once, 5 users (one asks ten 1-hour windows, four ask ten 1-minute windows each), %d running at once: %.2f s in all, %d not done%n%n",
          jobs.settings().runningJobs(), total, failures.get());
      System.out.println("| jobs | submit to done, median ms | min–max ms | count |");
      System.out.println("|---|---|---|---|");
      System.out.println(row("one-minute windows (4 users)", minuteLatencies));
      System.out.println(row("one-hour windows (heavy user)", hourLatencies));
      System.out.println();
      System.out.printf(Locale.ROOT, "- heap in use (sampled every 20 ms, garbage included), peak over the run: %d MiB (max %d MiB); peak live threads %d%n%n",
          heap.peakMiB(), Runtime.getRuntime().maxMemory() >> 20, threads.getPeakThreadCount());
    }
  }

  /** The same result written with the summary collector watching and without, alternating. */
  private static void summaryCost(LocalStore source, String host, Instant first, int rounds) throws IOException {
    Query query = new QueryParser(Clock.systemUTC()).parse("tcp and after " + first + " and before " + first.plus(Duration.ofMinutes(20)));
    Docket docket = Docket.builder().source(source).build();
    Path out = Files.createTempFile("docket-jobs-bench", ".pcap");
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    long packets = 0;
    for (int round = -1; round < rounds; round++) {
      double plain = time(docket, query, out, RunListener.NONE);
      SummaryCollector collector = new SummaryCollector();
      double summarized = time(docket, query, out, new RunListener() {
        @Override
        public void written(PacketView packet) {
          collector.accept(packet);
        }
      });
      packets = collector.summary().totals().packets();
      if (round >= 0) { // the first round warms up
        without.add(plain);
        with.add(summarized);
        ratios.add(summarized / plain);
      }
    }
    Files.deleteIfExists(out);
    System.out.printf(Locale.ROOT, "Result writing with the summary against without (`tcp`, 20 minutes, %d packets, to %s), %d alternated rounds:%n%n", packets, out.getParent(), rounds);
    System.out.println("| writing | median ms | min–max ms | runs |");
    System.out.println("|---|---|---|---|");
    System.out.println(row("without the summary", without));
    System.out.println(row("with the summary", with));
    System.out.printf(Locale.ROOT, "%n- median of pair ratios (with / without): **%.3f**%n%n", median(ratios));
  }

  private static double time(Docket docket, Query query, Path out, RunListener listener) throws IOException {
    long start = System.nanoTime();
    QueryResult result = docket.prepare(query, CaptureSink.toFile(out), listener).call();
    if (result.status() != QueryResult.Status.COMPLETE) {
      throw new IllegalStateException("the run ended " + result.status() + ": " + result.problems());
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static JobSettings settings(Path spools) throws IOException {
    Files.createDirectories(spools);
    return JobSettings.in(Files.createTempDirectory(spools, "spool")).withMinFreeBytes(0);
  }

  static String window(Instant first, int minute) {
    Instant start = first.plus(Duration.ofMinutes(minute));
    return "after " + start + " and before " + start.plus(Duration.ofMinutes(1));
  }

  static String row(String what, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "| %s | %.1f | %.1f–%.1f | %d |", what, median(sorted), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static String size(Path store) throws IOException {
    try (var files = Files.list(store)) {
      return String.format(Locale.ROOT, "%.2f GB", files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() / 1e9);
    }
  }

  private static long count(Path store) throws IOException {
    try (var files = Files.list(store)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".pcap")).count();
    }
  }

  static String load() {
    return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** The heap in use, sampled every 20 ms: its peak over a stretch. */
  private static final class HeapWatch extends Thread {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private volatile long peak;
    private volatile boolean stopping;

    HeapWatch() {
      super("heap-watch");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!stopping) {
        long used = memory.getHeapMemoryUsage().getUsed();
        peak = Math.max(peak, used);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void reset() {
      System.gc();
      peak = memory.getHeapMemoryUsage().getUsed();
    }

    long peakMiB() {
      return peak >> 20;
    }

    void stopWatching() {
      stopping = true;
    }
  }
}
