package dev.docket.source;

import dev.docket.filter.FilteredStream;
import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryPlan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One source's part of a fan-out, as the merge sees it: its packets, and how its answer ended.
 * Either read on a thread of its own ({@link SourceReader}) or, when it is the only source, on the
 * merging thread itself ({@link DirectSource}). Whatever goes wrong ends this source only: the
 * failure is kept, in the source's name, for the outcome.
 */
abstract sealed class SourcePart permits SourceReader, DirectSource {
  /** Matches counted between progress reports: often enough for a bar, rare enough to be free. */
  private static final long MATCHED_STEP = 4096;

  private final PacketSource source;
  private final QueryPlan plan;
  private final ResultLimit limit;
  private final ScanProgress progress;
  /** The packets handed to the merge so far; only the reading thread counts. */
  private long counted;
  /** {@link #counted}, published for {@link #outcome()} on any thread. */
  private volatile long packets;
  /** How many of them the progress has been told of; only the reading thread uses it. */
  private long reported;
  private volatile @Nullable SourceException failure;
  private volatile boolean cancelled;
  /** The source's answer once open: read by one thread, closed from any. */
  private volatile @Nullable PacketStream stream;
  private final AtomicBoolean closed = new AtomicBoolean();

  SourcePart(PacketSource source, QueryPlan plan, ResultLimit limit, ScanProgress progress) {
    this.source = source;
    this.plan = plan;
    this.limit = limit;
    this.progress = progress;
  }

  final String sourceName() {
    return source.name();
  }

  /** The source's packets that the plan's residual filter keeps, for the merge; read by one thread. */
  abstract PacketStream packets();

  /**
   * Starts the source's answer, trimmed by the plan's residual filter: a source returns what its
   * native query selects, and this is where the answer becomes exact, for every source alike.
   */
  final PacketStream open() throws IOException {
    PacketStream opened = new FilteredStream(source.open(plan, limit, progress), plan.residual());
    stream = opened;
    if (cancelled) {
      closeStream(); // cancelled while it opened: the canceller found nothing to close
    }
    return opened;
  }

  /** The source's answer, once {@link #open()} has returned it. */
  final @Nullable PacketStream stream() {
    return stream;
  }

  /**
   * Closes the source's answer, once, from whichever thread: what wakes a read blocked in it (a
   * socket's read ignores interrupts; the {@link PacketSource} contract promises closing ends it).
   */
  final void closeStream() {
    PacketStream open = stream;
    if (open != null && closed.compareAndSet(false, true)) {
      try {
        open.close();
      } catch (IOException | RuntimeException e) {
        if (!hasFailed()) {
          failed(e);
        }
      }
    }
  }

  /**
   * Asks the source to stop answering, from any thread: flags it, and closes its answer, which
   * wakes a read blocked in it.
   */
  final void cancel() {
    cancelled = true;
    closeStream();
  }


  final boolean isCancelled() {
    return cancelled;
  }

  /**
   * Counts one more packet handed to the merge, a match of the query, and tells the progress every
   * so often; called by the one thread that reads the source.
   */
  final void counted() {
    packets = ++counted;
    if (counted - reported >= MATCHED_STEP) {
      reportMatched();
    }
  }

  /** Tells the progress of the matches not yet reported; called by the reading thread as it ends. */
  final void reportMatched() {
    if (counted > reported) {
      progress.matched(counted - reported);
      reported = counted;
    }
  }

  /**
   * Keeps why the source's reading ended, in its name; unless it was cancelled, which explains the
   * end whatever it looked like to the source: closing a stream under a read makes the read fail,
   * and the interrupt makes a file being opened fail ({@code ClosedByInterruptException}), which a
   * source reports as its own {@link SourceException}.
   */
  final void failed(Exception e) {
    if (cancelled) {
      return;
    }
    if (e instanceof SourceException known) {
      failure = known;
    } else if (e instanceof InterruptedException || e instanceof InterruptedIOException) {
      failure = new SourceException(source.name(), "interrupted");
    } else if (e instanceof IOException) {
      failure = new SourceException(source.name(), String.valueOf(e.getMessage()), e);
    } else {
      // A bug in one source must not take the others down; the message says what to report.
      failure = new SourceException(source.name(), "failed unexpectedly (a bug; please report it): " + e, e);
    }
  }

  final boolean hasFailed() {
    return failure != null;
  }

  /** How the source's part ended; final once {@link #packets()} has ended. */
  final SourceOutcome outcome() {
    return new SourceOutcome(source.name(), packets, Optional.ofNullable(failure));
  }
}
