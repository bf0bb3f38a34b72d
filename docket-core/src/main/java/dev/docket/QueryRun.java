package dev.docket;

import dev.docket.merge.DeduplicatingStream;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.query.Query;
import dev.docket.source.FanOutStream;
import dev.docket.source.ScanCounters;
import dev.docket.source.ScanStatus;
import dev.docket.source.SourceFanOut;
import dev.docket.source.SourceOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One run of a query, prepared by {@link Docket#prepare}: {@link #call()} runs it on the calling
 * thread (once), and {@link #cancel()} stops it from any other thread. Being a {@link Callable}, a
 * run can be handed to an executor as it is.
 */
public final class QueryRun implements Callable<QueryResult> {
  private final Docket docket;
  private final Optional<Query> query;
  private final CaptureSink sink;
  private final RunListener listener;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean cancelled;
  /** Why the run was {@linkplain #finish finished} early, once it was. */
  private volatile @Nullable String finishedBecause;
  private volatile @Nullable FanOutStream answer;
  private volatile @Nullable CaptureOutput writing;

  QueryRun(Docket docket, Optional<Query> query, CaptureSink sink, RunListener listener) {
    this.docket = docket;
    this.query = query;
    this.sink = sink;
    this.listener = listener;
  }

  /**
   * Runs the query: every source at once, their answers trimmed, merged and written to the sink.
   * Returns when every source has ended and every thread of the run is done.
   *
   * @throws OutputException when the result cannot be written (the disk is full, the format cannot
   *     hold a packet); a file sink is then left absent
   * @throws IllegalStateException when called a second time
   */
  @Override
  public QueryResult call() throws OutputException {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a run is called once; prepare another");
    }
    long start = System.nanoTime();
    ScanCounters counters = new ScanCounters();
    long written = 0;
    List<SourceOutcome> outcomes;
    QueryResult.Status status;
    try (FanOutStream fanOut =
            new SourceFanOut(docket.threads())
                .open(query, docket.sources(), docket.limit(), source -> new BothProgress(counters, listener.progressOf(source)));
        CaptureOutput output = CaptureOutput.open(sink, docket.format(), docket.threads())) {
      answer = fanOut;
      writing = output;
      if (cancelled) {
        fanOut.close();
        output.abandon();
      }
      PacketStream merged = docket.dedupe() ? new DeduplicatingStream(fanOut, DeduplicatingStream.DEFAULT_WINDOW) : fanOut;
      // Numbering interfaces costs a lookup a packet through every merging layer: only when used.
      boolean interfaces = output.usesInterfaces();
      // A cancelled or finished run stops writing at once: what the sources still hold is not wanted.
      while (!cancelled && finishedBecause == null && merged.next()) {
        PacketView packet = merged.packet();
        output.write(packet, interfaces ? merged.interfaceId() : 0);
        written++;
        listener.written(packet);
      }
      String finished = finishedBecause;
      if (finished != null && !cancelled) {
        // Stopped, not failed: the sources still answering are told to stop, and what was written stays.
        fanOut.stop();
        counters.warning(finished);
      }
      outcomes = fanOut.outcomes();
      if (cancelled) {
        status = QueryResult.Status.CANCELLED;
      } else if (finished != null) {
        output.commit();
        status = QueryResult.Status.PARTIAL;
      } else if (outcomes.stream().noneMatch(outcome -> outcome.succeeded() || outcome.packets() > 0)) {
        status = QueryResult.Status.FAILED;
      } else {
        output.commit();
        boolean whole = outcomes.stream().allMatch(SourceOutcome::succeeded) && counters.status().warnings().isEmpty();
        status = whole ? QueryResult.Status.COMPLETE : QueryResult.Status.PARTIAL;
      }
    } catch (OutputException failed) {
      if (!cancelled) {
        throw failed;
      }
      // Cancelling gave the output up (a write may have been stuck): the run was cancelled, and
      // its output is gone as a cancelled run's is.
      FanOutStream stopped = answer;
      outcomes = stopped == null ? List.of() : stopped.outcomes();
      status = QueryResult.Status.CANCELLED;
    } catch (IOException unexpected) {
      // The fan-out turns every source's failure into its outcome; what reaches here is closing.
      throw new OutputException("closing the run: " + unexpected.getMessage(), unexpected);
    } finally {
      answer = null;
      writing = null;
    }
    ScanStatus scan = counters.status();
    return new QueryResult(status, written, outcomes, scan.warnings(), scan, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Stops the run from any thread: every source still answering is closed, {@link #call()} returns
   * {@link QueryResult.Status#CANCELLED} soon after, and a file sink is discarded.
   */
  public void cancel() {
    cancelled = true;
    stopSources();
    // The run's thread may be waiting on the output (a reader that stopped reading) rather than
    // on a source; giving the output up wakes it.
    CaptureOutput output = writing;
    if (output != null) {
      output.abandon();
    }
  }

  /**
   * Ends the run early but keeps its result, from any thread: the sources still answering are
   * stopped, what was written so far is committed (a file sink appears), and the run is {@link
   * QueryResult.Status#PARTIAL} with {@code why} among its warnings. How a job stops at its limit or
   * before its disk fills. The first reason given is the one kept; a cancelled run stays cancelled.
   *
   * @param why one line that says why the result stops here, such as "stopped at the job's limit of
   *     1000 packets"
   */
  public void finish(String why) {
    synchronized (this) {
      if (finishedBecause == null) {
        finishedBecause = why;
      }
    }
    stopSources();
  }

  /** Tells every source still answering to stop, without waiting for it. */
  private void stopSources() {
    FanOutStream running = answer;
    if (running != null) {
      try {
        running.stop();
      } catch (IOException ignored) {
        // Closing to stop: the run's own thread reports how it ended.
      }
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }
}
