package dev.docket.source;

import com.google.common.collect.ImmutableList;
import dev.docket.plan.QueryPlan;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Asks several sources the same query at once and merges their answers in time order: each source
 * gets its own plan and, when there are several, its own thread, which opens it, applies the plan's
 * residual filter (so the result is exact whatever the source could evaluate) and stays at most a
 * few batches ahead of the merge, so memory is bounded by the number of sources, not by the size of
 * their answers.
 *
 * <p>Threads come from the given factory, one per source per query: Docket's core starts none of
 * its own accord, and a thread per source is what keeps one slow source from holding up the
 * others' reading (a shared pool smaller than the number of sources could deadlock the merge). A
 * query of one source takes no thread: it is read on the caller's ({@link DirectSource}).
 */
public final class SourceFanOut {
  private final ThreadFactory threads;

  public SourceFanOut(ThreadFactory threads) {
    this.threads = threads;
  }

  /** Starts {@code query} on every source; read the result, then check {@link FanOutStream#outcomes()}. */
  public FanOutStream open(
      Query query, List<? extends PacketSource> sources, ResultLimit limit, ScanProgress progress) {
    return open(Optional.of(query), sources, limit, progress);
  }

  /**
   * Starts {@code query} on every source, or, when it is empty, asks every source for all its
   * packets (a merge).
   */
  public FanOutStream open(
      Optional<Query> query, List<? extends PacketSource> sources, ResultLimit limit, ScanProgress progress) {
    return open(query, sources, limit, source -> progress);
  }

  /**
   * Starts {@code query} (or, when it is empty, a merge) on every source, each telling its progress
   * to its own {@code progressOf(source)}, asked once per source.
   */
  public FanOutStream open(
      Optional<Query> query,
      List<? extends PacketSource> sources,
      ResultLimit limit,
      Function<? super PacketSource, ? extends ScanProgress> progressOf) {
    ImmutableList.Builder<SourcePart> parts = ImmutableList.builder();
    ImmutableList.Builder<Thread> started = ImmutableList.builder();
    for (PacketSource source : sources) {
      QueryPlan plan = query.map(asked -> QueryPlanner.plan(asked, source.features())).orElse(QueryPlan.EVERYTHING);
      ScanProgress progress = progressOf.apply(source);
      if (sources.size() == 1) {
        parts.add(new DirectSource(source, plan, limit, progress));
      } else {
        SourceReader reader = new SourceReader(source, plan, limit, progress);
        parts.add(reader);
        started.add(threads.newThread(reader));
      }
    }
    FanOutStream stream = new FanOutStream(parts.build(), started.build());
    stream.start();
    return stream;
  }
}
