package dev.docket.store;

import dev.docket.merge.InterfaceNumbering;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Files' matching packets merged by time, opening each file only when the merge reaches its
 * earliest packet: how a store of rotated files, or thousands of files named on a command line, are
 * merged with a few files open at a time. Files are taken in order of their earliest timestamp
 * (files without one first); a file joins the merge once its earliest packet comes before the
 * merge's next one, so files that overlap in time (two sensors, or a file written out of order) are
 * merged packet by packet, while rotated files that follow one another are simply read one after
 * another. Ties go to the file of lower {@link ScannedFile#order()}, then to the order within a
 * file: the order {@link dev.docket.merge.MergeStream} gives the same files in that order.
 *
 * <p>At most {@code maxOpen} files are merged at once. When more overlap in time, the file whose
 * next packet comes last is parked (closed, its place remembered) and resumed when the merge
 * reaches that packet; a file that cannot be parked (one read ahead on a pool) stays open. When
 * the system refuses to open a file ({@link OpenRefusedException}: the process's limit of open
 * files is lower than {@code maxOpen} allows for), files are parked until it opens, and the limit
 * is lowered to what the system allowed.
 *
 * <p>The next {@code readAhead} files are {@linkplain ScannedFile#start() started} before the merge
 * reaches them. {@link #close()} cancels, from any thread.
 */
final class TimeOrderedScan implements PacketStream {
  /** By next packet, then by file order: the merge's order, for the parked files. */
  private static final Comparator<ScannedFile> BY_NEXT_PACKET =
      Comparator.comparingLong(ScannedFile::timestampNanos).thenComparingInt(ScannedFile::order);

  private final List<? extends ScannedFile> files;
  private final int readAhead;
  /** How many files may be merged at once: lowered when the system refuses to open more. */
  private int maxOpen;
  private final Closeable workers;
  private final Cancellation cancellation;
  private final OpenFiles merging = new OpenFiles();
  private final PriorityQueue<ScannedFile> parked = new PriorityQueue<>(BY_NEXT_PACKET);
  private final InterfaceNumbering interfaces;
  private int nextFile;
  private int started;
  private @Nullable ScannedFile current;

  /**
   * @param files in order of earliest timestamp (files without one first), then of {@link
   *     ScannedFile#order()}, which numbers them from 0
   * @param maxOpen how many files may be merged at once
   * @param workers stops the work the files do in the background (closed before the files are)
   */
  TimeOrderedScan(
      List<? extends ScannedFile> files, int readAhead, int maxOpen, Closeable workers, Cancellation cancellation) {
    if (maxOpen < 1) {
      throw new IllegalArgumentException("maxOpen " + maxOpen + " is not positive");
    }
    this.files = new ArrayList<>(files);
    this.readAhead = readAhead;
    this.maxOpen = maxOpen;
    this.workers = workers;
    this.cancellation = cancellation;
    // Orders may skip numbers (files with nothing to merge are left out): number up to the highest.
    this.interfaces = new InterfaceNumbering(files.stream().mapToInt(ScannedFile::order).max().orElse(-1) + 1);
  }

  @Override
  public boolean next() throws IOException {
    ScannedFile previous = current;
    current = null;
    // The previous packet's file is the heap's root: moved on, it sinks to its place (one sift a
    // packet, none to speak of for rotated files read one after another); ended, it leaves.
    if (previous != null) {
      if (previous.next()) {
        merging.rootMoved();
      } else {
        merging.removeRoot();
      }
    }
    while (!cancellation.isCancelled()) {
      ScannedFile unopened = nextFile < files.size() ? files.get(nextFile) : null;
      ScannedFile waiting = parked.peek();
      // The next file to join: the parked one whose next packet, or the unopened one whose earliest,
      // comes first. It joins when that comes strictly before the merge's next packet: joining then
      // keeps the order exact, and never undoes a parking.
      boolean resume =
          waiting != null
              && (unopened == null
                  || OpenFiles.isBefore(waiting.timestampNanos(), waiting.order(), unopened.earliestNanos(), unopened.order()));
      if (!resume && unopened == null) {
        break;
      }
      ScannedFile joining = resume ? waiting : unopened;
      long joiningNanos = resume ? waiting.timestampNanos() : unopened.earliestNanos();
      if (!merging.isEmpty()
          && !OpenFiles.isBefore(joiningNanos, joining.order(), merging.rootNanos(), merging.rootOrder())) {
        break;
      }
      if (merging.size() >= maxOpen) {
        parkLeastUrgent();
      }
      if (resume) {
        parked.poll();
      } else {
        nextFile++;
        startThrough(nextFile + readAhead);
      }
      if (open(joining, resume)) {
        merging.add(joining);
      }
    }
    if (cancellation.isCancelled() || merging.isEmpty()) {
      return false;
    }
    current = merging.root();
    return true;
  }

  /**
   * Opens a file joining the merge on its next packet (resumed, or its first). When the system
   * refuses to open one more file, the open file whose next packet comes last is parked and the
   * open tried again, and from then on no more files than that are kept open: the merge stays
   * exact under whatever limit of open files the process has, down to one file at a time.
   *
   * @return false when the file has no packet left
   */
  private boolean open(ScannedFile joining, boolean resume) throws IOException {
    while (true) {
      try {
        return resume ? joining.resume() : joining.next();
      } catch (OpenRefusedException refused) {
        if (!parkLeastUrgent()) {
          throw new IOException(
              refused.getMessage()
                  + ", and no other input could be closed to make room; raise the limit of open files (ulimit -n) or close what else holds them",
              refused);
        }
        maxOpen = Math.min(maxOpen, merging.size() + 1);
      }
    }
  }

  /** Parks the open file whose next packet comes last, if one can be parked; whether one was. */
  private boolean parkLeastUrgent() {
    ScannedFile last = merging.removeLeastUrgentParkable();
    if (last == null) {
      return false;
    }
    last.park();
    parked.add(last);
    return true;
  }

  /** Starts reading every file before index {@code end}, in order, so a pool takes them in order. */
  private void startThrough(int end) {
    for (int limit = Math.min(end, files.size()); started < limit; started++) {
      files.get(started).start();
    }
  }

  @Override
  public PacketView packet() {
    return currentFile().packet();
  }

  /** The current packet's interface: each file's interfaces numbered apart from the others'. */
  @Override
  public int interfaceId() {
    ScannedFile file = currentFile();
    return interfaces.id(file.order(), file.packet().interfaceIndex());
  }

  private ScannedFile currentFile() {
    ScannedFile file = current;
    if (file == null) {
      throw new NoSuchElementException("no current packet: call next() first");
    }
    return file;
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
    files.forEach(ScannedFile::wake);
    try {
      workers.close();
    } finally {
      files.forEach(ScannedFile::closeReader);
    }
  }
}
