package dev.docket.store;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The selected files' matching packets merged by time, opening each file only when the merge
 * reaches its earliest packet. Files are taken in order of their earliest timestamp (files without
 * one first); a file joins the merge once the merge's next packet is no earlier than its earliest, so
 * files that overlap in time (two sensors, or a file written out of order) are merged packet by
 * packet, while rotated files that follow one another are simply read one after another. Ties go to
 * the file earlier in that order, then to the order within a file.
 *
 * <p>Reading runs ahead on the pool: the next {@code readAhead} files are read and filtered while
 * the merge is still taking the current ones. {@link #close()} cancels, from any thread.
 */
final class TimeOrderedScan implements PacketStream {
  private final List<FileScan> files;
  private final int readAhead;
  private final ExecutorService pool;
  private final Cancellation cancellation;
  private final PriorityQueue<FileScan> merging =
      new PriorityQueue<>(Comparator.comparingLong(FileScan::timestampNanos).thenComparingInt(FileScan::order));
  private int nextFile;
  private int started;
  private @Nullable FileScan current;

  /** @param files in order of earliest timestamp, files without one first */
  TimeOrderedScan(List<FileScan> files, int readAhead, ExecutorService pool, Cancellation cancellation) {
    this.files = new ArrayList<>(files);
    this.readAhead = readAhead;
    this.pool = pool;
    this.cancellation = cancellation;
  }

  @Override
  public boolean next() throws IOException {
    FileScan previous = current;
    current = null;
    if (previous != null && previous.next()) {
      merging.add(previous);
    }
    while (nextFile < files.size() && !cancellation.isCancelled()) {
      FileScan file = files.get(nextFile);
      FileScan head = merging.peek();
      if (head != null && earliest(file) > head.timestampNanos()) {
        break;
      }
      nextFile++;
      startThrough(nextFile + readAhead);
      if (file.next()) {
        merging.add(file);
      }
    }
    if (cancellation.isCancelled()) {
      return false;
    }
    current = merging.poll();
    return current != null;
  }

  private static long earliest(FileScan file) {
    CatalogEntry entry = file.file().entry();
    return entry.hasTimes() ? entry.earliestNanos() : Long.MIN_VALUE;
  }

  /** Starts reading every file before index {@code end}, in order, so the pool takes them in order. */
  private void startThrough(int end) {
    for (int limit = Math.min(end, files.size()); started < limit; started++) {
      files.get(started).start();
    }
  }

  @Override
  public PacketView packet() {
    FileScan file = current;
    if (file == null) {
      throw new NoSuchElementException("no current packet: call next() first");
    }
    return file.packet();
  }

  /**
   * Cancels the scan and releases its files: wakes a reader waiting in {@link #next()} (which then
   * returns false), stops the workers, and closes what they had open. Safe from any thread.
   */
  @Override
  public void close() throws IOException {
    if (!cancellation.cancel()) {
      return;
    }
    files.forEach(FileScan::wake);
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IOException("the store's workers did not stop within a minute");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the store's workers");
    }
    files.forEach(FileScan::closeReader);
  }
}
