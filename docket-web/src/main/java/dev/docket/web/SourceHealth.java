package dev.docket.web;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.source.PacketSource;
import dev.docket.source.SourceException;
import dev.docket.source.SourceStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How each served source is, asked of all of them at once ({@code /api/v1/sources}: the sources
 * page, and the query page's list of sources). Asked one after another, a page waited for the sum
 * of every sensor's answer, and ten seconds more for each sensor that was unreachable; now it waits
 * for the slowest, and never longer than {@code deadline}: a source that has not answered by then
 * is reported unhealthy, while its answer is still awaited.
 *
 * <p>A source still being asked is not asked again: a later request waits for the answer under
 * way. So a sensor that hangs holds one thread, however often the page is loaded.
 */
final class SourceHealth implements AutoCloseable {
  /** Longer than a healthy sensor takes (milliseconds) and than a connection refused; shorter than a user waits. */
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

  /** One source as asked: its stats, or why it is unhealthy. */
  record Health(String name, Optional<SourceStats> stats, Optional<String> error) {
    boolean healthy() {
      return stats.isPresent();
    }
  }

  private final List<PacketSource> sources;
  private final Duration deadline;
  private final ExecutorService askers =
      Executors.newCachedThreadPool(new ThreadFactoryBuilder().setNameFormat("docket-source-stats-%d").setDaemon(true).build());
  /** By the source's index in {@link #sources}: the answer being awaited, until it comes. */
  private final ConcurrentMap<Integer, CompletableFuture<SourceStats>> underWay = new ConcurrentHashMap<>();

  SourceHealth(List<PacketSource> sources, Duration deadline) {
    this.sources = List.copyOf(sources);
    this.deadline = deadline;
  }

  /** Every source's health, in the sources' order, within the deadline. */
  List<Health> askAll() throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    List<CompletableFuture<SourceStats>> answers = new ArrayList<>(sources.size());
    for (int index = 0; index < sources.size(); index++) {
      answers.add(answer(index));
    }
    List<Health> all = new ArrayList<>(sources.size());
    for (int index = 0; index < sources.size(); index++) {
      all.add(health(sources.get(index).name(), answers.get(index), end));
    }
    return all;
  }

  private Health health(String name, CompletableFuture<SourceStats> answer, long end) throws InterruptedException {
    try {
      return new Health(name, Optional.of(answer.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)), Optional.empty());
    } catch (TimeoutException slow) {
      return unhealthy(name, name + ": did not answer within " + said(deadline) + "; check that it is up and reachable");
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      return unhealthy(name, cause instanceof SourceException known ? known.getMessage() : name + ": could not say how it is: " + cause);
    }
  }

  private static String said(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private static Health unhealthy(String name, String error) {
    return new Health(name, Optional.empty(), Optional.of(error));
  }

  /** The answer under way for the source at {@code index}, or a new asking. */
  private CompletableFuture<SourceStats> answer(int index) {
    CompletableFuture<SourceStats> fresh = new CompletableFuture<>();
    CompletableFuture<SourceStats> existing = underWay.putIfAbsent(index, fresh);
    if (existing != null) {
      return existing;
    }
    // Asked only once registered, so that the asking, however quick, removes what it registered.
    PacketSource source = sources.get(index);
    try {
      askers.execute(() -> {
        try {
          fresh.complete(source.stats());
        } catch (SourceException | RuntimeException failed) {
          fresh.completeExceptionally(failed);
        } finally {
          underWay.remove(index, fresh);
        }
      });
    } catch (RejectedExecutionException closed) {
      underWay.remove(index, fresh);
      fresh.completeExceptionally(new SourceException(source.name(), "the server is stopping"));
    }
    return fresh;
  }

  /** Stops asking: a source still being asked is interrupted. */
  @Override
  public void close() {
    askers.shutdownNow();
  }
}
