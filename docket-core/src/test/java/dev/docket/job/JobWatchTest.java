package dev.docket.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link JobService#watch}: a job followed on the watcher's executor, to its end or removal, with no thread of its own. */
@Timeout(60)
class JobWatchTest {
  @TempDir Path directory;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "watcher"));
  private JobService service;

  @AfterEach
  void close() {
    if (service != null) {
      service.close();
    }
    executor.shutdownNow();
  }

  private ControlledSource open() throws Exception {
    ControlledSource source = new ControlledSource("store", new LocalStore(StoreOptions.of(JobStores.write(directory.resolve("store"), 3, 3, 100)).withName("store")));
    service = JobService.open(JobSettings.in(directory.resolve("spool")), List.of(source));
    return source;
  }

  @Test
  void aWatcherIsToldEachStateOnItsExecutorUntilTheJobEnds() throws Exception {
    ControlledSource source = open();
    source.hold();
    String id = service.submit(JobRequest.of("alice", "tcp and after 2024-06-03T09:00:00Z")).job().id();
    List<Job> told = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    JobWatch watch = service.watch(id, executor, job -> {
      threads.add(Thread.currentThread().getName());
      told.add(job.orElseThrow());
      if (job.get().state().hasEnded()) {
        ended.countDown();
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (told.stream().noneMatch(job -> job.state() == JobState.RUNNING) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(watch.isClosed()).isFalse();
    source.release();
    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(told.get(0).id()).isEqualTo(id);
    assertThat(told).extracting(Job::state).contains(JobState.RUNNING).last().isEqualTo(JobState.DONE);
    assertThat(told).extracting(Job::version).isSorted().doesNotHaveDuplicates();
    assertThat(threads).containsOnly("watcher");
    assertThat(watch.isClosed()).isTrue();
  }

  @Test
  void aDeletedJobIsToldAsEmptyAndAClosedWatchIsToldNothing() throws Exception {
    ControlledSource source = open();
    source.hold();
    String id = service.submit(JobRequest.of("alice", "tcp and after 2024-06-03T09:00:00Z")).job().id();
    List<Optional<Job>> told = new CopyOnWriteArrayList<>();
    CountDownLatch gone = new CountDownLatch(1);
    JobWatch watch = service.watch(id, executor, job -> {
      told.add(job);
      if (job.isEmpty()) {
        gone.countDown();
      }
    });
    AtomicInteger quiet = new AtomicInteger();
    JobWatch closed = service.watch(id, executor, job -> quiet.incrementAndGet());
    executor.submit(() -> null).get(); // both have been told the job as it stood
    closed.close();
    int before = quiet.get();

    assertThat(service.delete(id)).isTrue();
    assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(told.get(told.size() - 1)).isEmpty();
    assertThat(watch.isClosed()).isTrue();
    executor.submit(() -> null).get();
    assertThat(quiet.get()).isEqualTo(before).isEqualTo(1);
  }

  @Test
  void aJobThatDoesNotExistIsToldAsEmptyAtOnce() throws Exception {
    open();
    CountDownLatch told = new CountDownLatch(1);
    JobWatch watch = service.watch("0123456789abcdef0123456789abcdef", executor, job -> {
      if (job.isEmpty()) {
        told.countDown();
      }
    });
    assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(watch.isClosed()).isTrue();
  }
}
