package dev.docket.store;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.docket.packet.PacketView;
import dev.docket.pcap.ByteSpan;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import dev.docket.plan.QueryPlan;
import dev.docket.source.ScanProgress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One file's matching packets, read and filtered on a worker thread and taken, in the file's order,
 * by the merging thread. The worker never waits: each step fills one {@link MatchBatch} and
 * schedules the next step only while fewer than {@link #READY_LIMIT} batches wait to be taken;
 * otherwise the taker schedules it when it takes one. So a few threads serve any number of files
 * without deadlock, and memory per file stays bounded.
 *
 * <p>The file is read only up to its cataloged end: what a writer appends meanwhile belongs to the
 * next query, and an unfinished last record is never read. A file that vanished or cannot be read
 * is reported to the progress and ends empty; so does damage, after the packets before it.
 */
final class FileScan implements ScannedFile {
  static final int READY_LIMIT = 2;
  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
  /** How often a long step reports bytes read and looks for cancellation. */
  private static final long REPORT_EVERY_BYTES = 8 << 20;

  private final StoredFile file;
  private final int order;
  private final Predicate<PacketView> filter;
  private final QueryPlan plan;
  private final ScanProgress progress;
  private final Executor pool;
  private final Cancellation cancellation;

  // Worker state: touched by one step at a time (steps are scheduled one after another).
  private @Nullable CaptureReader reader;
  private long reportedBytes;
  private boolean pendingPacket;
  /** Whether reading already reported why the file ended early, which then says it all. */
  private boolean stoppedEarly;

  // Shared state, guarded by this.
  private final ArrayDeque<MatchBatch> ready = new ArrayDeque<>();
  private boolean scheduled;
  private boolean finished;
  private @Nullable Throwable failure;

  // Taker state.
  private final PacketView view = new PacketView();
  private @Nullable MatchBatch current;
  private int position;

  /**
   * @param filter the exact filter for the file's packets
   * @param plan the query it comes from, for choosing what to read of an indexed file
   */
  FileScan(
      StoredFile file,
      int order,
      Predicate<PacketView> filter,
      QueryPlan plan,
      ScanProgress progress,
      Executor pool,
      Cancellation cancellation) {
    this.file = file;
    this.order = order;
    this.filter = filter;
    this.plan = plan;
    this.progress = progress;
    this.pool = pool;
    this.cancellation = cancellation;
  }

  @Override
  public int order() {
    return order;
  }

  StoredFile file() {
    return file;
  }

  @Override
  public long earliestNanos() {
    CatalogEntry entry = file.entry();
    return entry.hasTimes() ? entry.earliestNanos() : Long.MIN_VALUE;
  }

  /** Starts reading ahead, if not yet started. */
  @Override
  public synchronized void start() {
    if (!scheduled && !finished && ready.isEmpty() && current == null) {
      schedule();
    }
  }

  @Override
  public boolean next() throws IOException {
    MatchBatch batch = current;
    if (batch != null && ++position < batch.size()) {
      batch.view(position, view);
      return true;
    }
    current = batch = take();
    if (batch == null) {
      view.reset(NOTHING, 0, 0, 0, 0, 0, 0); // lets go of the last batch: a finished file holds no memory
      return false;
    }
    position = 0;
    batch.view(0, view);
    return true;
  }

  @Override
  public PacketView packet() {
    return view;
  }

  @Override
  public long timestampNanos() {
    return view.timestampNanos();
  }

  private synchronized @Nullable MatchBatch take() throws IOException {
    while (ready.isEmpty()) {
      if (failure != null) {
        throw new IOException(file.file() + ": reading failed: " + failure, failure);
      }
      if (finished || cancellation.isCancelled()) {
        return null;
      }
      if (!scheduled) {
        schedule();
      }
      try {
        wait();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading " + file.file());
      }
    }
    MatchBatch batch = ready.poll();
    if (!scheduled && !finished) {
      schedule();
    }
    return batch;
  }

  @Override
  public synchronized void wake() {
    notifyAll();
  }

  private void schedule() {
    scheduled = true;
    try {
      pool.execute(this::step);
    } catch (RejectedExecutionException shutDown) {
      // The scan was closed: nothing more will be read.
      scheduled = false;
      finished = true;
      notifyAll();
    }
  }

  /** One step on a worker: fills a batch, hands it over, and goes on or parks. */
  private void step() {
    MatchBatch batch = null;
    boolean done;
    Throwable failed = null;
    try {
      batch = fill();
      done = !pendingPacket;
    } catch (RuntimeException | Error bug) {
      failed = bug;
      done = true;
    }
    if (done) {
      closeReader();
      if (failed == null && !stoppedEarly && !cancellation.isCancelled()) {
        file.problem().ifPresent(progress::warning);
      }
      progress.unitDone();
    }
    synchronized (this) {
      if (batch != null && !batch.isEmpty()) {
        ready.add(batch);
      }
      if (failed != null) {
        failure = failed;
      }
      scheduled = false;
      if (done) {
        finished = true;
      } else if (ready.size() < READY_LIMIT && !cancellation.isCancelled()) {
        schedule();
      }
      notifyAll();
    }
  }

  /**
   * Reads on until a batch is full or the file ends: returns the matches, if any, and leaves {@link
   * #pendingPacket} set when a matching packet that did not fit waits in the reader for the next step.
   */
  private @Nullable MatchBatch fill() {
    CaptureReader reader = this.reader;
    MatchBatch batch = null;
    try {
      if (reader == null) {
        reader = this.reader = open();
        if (reader == null) {
          return null; // the index proved that no packet of the file matches
        }
      }
      if (pendingPacket) {
        pendingPacket = false;
        batch = MatchBatch.startingWith(reader.packet());
        batch.add(reader.packet());
      }
      long end = file.entry().kind() == FileKind.UNREADABLE ? Long.MAX_VALUE : file.entry().end();
      long nextReport = reader.bytesRead() + REPORT_EVERY_BYTES;
      while (nextMatch(reader, end, nextReport)) {
        if (reader.bytesRead() >= nextReport) {
          report(reader);
          nextReport = reader.bytesRead() + REPORT_EVERY_BYTES;
          if (cancellation.isCancelled()) {
            break;
          }
          if (!filter.test(reader.packet())) {
            continue;
          }
        }
        PacketView packet = reader.packet();
        if (batch == null) {
          batch = MatchBatch.startingWith(packet);
        } else if (!batch.fits(packet)) {
          pendingPacket = true;
          break;
        }
        batch.add(packet);
      }
    } catch (CorruptCaptureException changed) {
      // The catalog saw whole records here: the file was replaced or damaged since.
      stopWith(changed.getMessage());
    } catch (NoSuchFileException vanished) {
      stopWith(file.file() + ": vanished before it was read (rotated away?); skipped");
    } catch (AccessDeniedException denied) {
      stopWith(file.file() + ": permission denied; skipped");
    } catch (IOException unreadable) {
      stopWith(file.file() + ": cannot read: " + unreadable.getMessage());
    }
    if (reader != null) {
      report(reader);
    }
    return batch;
  }

  /**
   * Opens the file, only for the segments that may hold a match when it has a current index (then
   * reports the bytes skipped); null when none may.
   */
  private @Nullable CaptureReader open() throws IOException {
    CatalogEntry entry = file.entry();
    Optional<FileIndex> index = Optional.empty();
    if (entry.kind() == FileKind.PCAP) {
      try {
        index = FileIndex.read(file.indexFile(), entry);
      } catch (IOException unreadable) {
        // Then the file is read whole, which is slower and no less exact.
      }
    }
    if (index.isEmpty() || plan.query().isEmpty()) {
      return CaptureReader.open(file.file()); // no index, or every packet is asked for
    }
    FileIndex.Selection selection = index.get().select(plan.query().get(), plan.window());
    progress.skipped(selection.skippedBytes());
    if (selection.ranges().isEmpty()) {
      progress.skipped(FileSurvey.PCAP_HEADER_SIZE);
      return null;
    }
    RangeSet<Long> ranges = TreeRangeSet.create(selection.ranges());
    ranges.add(Range.closedOpen(0L, (long) FileSurvey.PCAP_HEADER_SIZE));
    List<ByteSpan> spans = ranges.asRanges().stream().map(range -> new ByteSpan(range.lowerEndpoint(), range.upperEndpoint())).toList();
    return CaptureReader.open(file.file(), spans);
  }

  /**
   * Reads on to the next matching packet before {@code end}, or to the first packet at or past
   * {@code reportAt} (matching or not, so the caller may report and look for cancellation; it then
   * decides again). Kept small: it is the loop every byte of a selective query goes through.
   *
   * @return false at the end (of the file, or of what the catalog saw of it)
   */
  private boolean nextMatch(CaptureReader reader, long end, long reportAt) throws IOException {
    while (reader.bytesRead() < end && reader.next()) {
      long read = reader.bytesRead();
      if (read > end) {
        return false; // appended after the catalog was taken: the next query's
      }
      if (read >= reportAt || filter.test(reader.packet())) {
        return true;
      }
    }
    return false;
  }

  private void report(CaptureReader reader) {
    long read = reader.bytesRead();
    progress.read(read - reportedBytes);
    reportedBytes = read;
  }

  /** Ends the file early: reports why, unless the scan was cancelled (which explains it). */
  private void stopWith(String message) {
    pendingPacket = false;
    stoppedEarly = true;
    if (!cancellation.isCancelled()) {
      progress.warning(message);
    }
  }

  /** Closes the reader if a step left it open; only once no step can run (or from the last step). */
  @Override
  public void closeReader() {
    CaptureReader open = reader;
    reader = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // Read-only: closing loses nothing.
      }
    }
  }
}
