package dev.docket.store;

import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The back part of a big classic pcap file, read and filtered on a thread of its own while the
 * merging thread reads the front part: a file read alone then takes both cores rather than one.
 * The front part's reader confirms that the back part starts on a record ({@link RecordBoundary}
 * only guessed it) by ending a record exactly there, and then takes this part's matches, in the
 * file's order; if it does not, it {@linkplain #close() closes} this part and reads on itself. So
 * the answer is the one a single reader gives, packet for packet, whatever the guess.
 *
 * <p>Matches are copied into {@link MatchBatch batches} that wait in a queue of at most 64 MiB
 * ({@link SplitReading#queuedBatches()}). When it is full before the front part is done, or when
 * the query keeps more than a sixteenth of what is read, it keeps too much for a second thread to
 * pay (the copies, and the collector's copying of batches that wait, cost more than it saves), so
 * this part stops and leaves the rest of the file, from the record where it stopped, to the front
 * part's reader ({@link Unfinished}).
 */
final class TailScan {
  /** What the part hands over, in order: batches of matches, then its end. */
  sealed interface Handoff {
    /** The file offset reading got to. */
    long offsetReached();
  }

  /** Matches, and how far into the file reading got. */
  record Matches(MatchBatch batch, long offsetReached) implements Handoff {}

  /**
   * The part stopped, its queue full or its query keeping too much: the rest of the file, from the
   * record at {@code offsetReached}, is the taker's to read.
   */
  record Unfinished(long offsetReached) implements Handoff {}

  /**
   * The part's end: clean, at damage (the good packets before it came first), or at a failure.
   *
   * @param damage the damage as the file's reader names it
   */
  record End(long offsetReached, @Nullable CorruptCaptureException damage, @Nullable IOException failure)
      implements Handoff {}

  /** How much must be kept before {@link #KEPT_SHARE_LIMIT} is judged: a sample, not a spell of big packets. */
  private static final long KEPT_SAMPLE_BYTES = 4 << 20;
  /**
   * Keeping more than one byte of every this many read, the part stops: what it keeps would fill
   * its queue long before the front part is done, and then only its queue's worth of reading was
   * saved, which holding that much costs again (a query keeping 7% of a 4 GB file ran 4% slower).
   */
  private static final long KEPT_SHARE_LIMIT = 16;

  /** How often progress is published: a volatile write costs little, but not for every packet. */
  private static final long PUBLISH_EVERY_BYTES = 1 << 20;

  private final Path file;
  private final long start;
  private final int bufferBytes;
  private final Predicate<PacketView> filter;
  /** Room for the batches, and for the last one and the end after them: handing over never waits. */
  private final BlockingQueue<Handoff> handoffs;
  /**
   * Batches the taker is done with, to fill again: a query that keeps most packets would otherwise
   * allocate as much as the file holds, and the collector's work and fresh pages cost more than the
   * second thread saves.
   */
  private final BlockingQueue<MatchBatch> emptied;
  private final Thread worker;
  private volatile boolean closed;
  /** How far reading has got, published now and then for progress while the front part is read. */
  private volatile long publishedOffset;

  private TailScan(Path file, long start, int bufferBytes, Predicate<PacketView> filter, SplitReading split) {
    this.file = file;
    this.start = start;
    this.bufferBytes = bufferBytes;
    this.filter = filter;
    this.handoffs = new ArrayBlockingQueue<>(split.queuedBatches() + 2);
    this.emptied = new ArrayBlockingQueue<>(split.queuedBatches() + 2);
    this.worker = split.threads().newThread(this::read);
    this.publishedOffset = start;
  }

  /** Starts reading {@code file} from {@code start}, a guessed record boundary, to its end. */
  static TailScan start(Path file, long start, int bufferBytes, Predicate<PacketView> filter, SplitReading split) {
    TailScan scan = new TailScan(file, start, bufferBytes, filter, split);
    scan.worker.start();
    return scan;
  }

  /** The file offset where this part starts. */
  long start() {
    return start;
  }

  /** The bytes read so far. */
  long bytesRead() {
    return publishedOffset - start;
  }

  /** The next handoff, waiting for it; an {@link End} or {@link Unfinished} is the last. */
  Handoff take() throws IOException {
    try {
      return handoffs.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + file + "'s back part");
    }
  }

  private void read() {
    long shift = start - FileSurvey.PCAP_HEADER_SIZE;
    long reached = start;
    long published = start;
    MatchBatch batch = null;
    long kept = 0;
    try (CaptureReader reader = CaptureFileScan.openFromRecord(file, start, bufferBytes)) {
      try {
        while (!closed) {
          long recordStart = reached;
          if (!reader.next()) {
            break;
          }
          reached = reader.bytesRead() + shift;
          if (reached - published >= PUBLISH_EVERY_BYTES) {
            publishedOffset = reached;
            published = reached;
          }
          PacketView packet = reader.packet();
          if (filter.test(packet)) {
            if (batch != null && !batch.fits(packet)) {
              hand(new Matches(batch, recordStart));
              kept += batch.bytes();
              batch = null;
              if (handoffs.remainingCapacity() <= 2
                  || (kept >= KEPT_SAMPLE_BYTES && kept * KEPT_SHARE_LIMIT > recordStart - start)) {
                hand(new Unfinished(recordStart));
                return;
              }
            }
            if (batch == null) {
              batch = emptyBatchFor(packet);
            }
            batch.add(packet);
          }
        }
        publishedOffset = reached;
        if (batch != null) {
          hand(new Matches(batch, reached));
        }
        hand(new End(reached, null, null));
      } catch (CorruptCaptureException damage) {
        if (batch != null) {
          hand(new Matches(batch, reached));
        }
        hand(new End(reached, damage, null));
      }
    } catch (IOException | RuntimeException failed) {
      IOException failure = failed instanceof IOException io ? io : new IOException(failed.toString(), failed);
      handQuietly(new End(reached, null, failure));
    } catch (InterruptedException closing) {
      // close(): nobody takes the rest
    }
  }

  /** An emptied batch to fill again, or a new one for a packet bigger than a normal batch holds. */
  private MatchBatch emptyBatchFor(PacketView packet) {
    MatchBatch reused = packet.capturedLength() <= MatchBatch.CAPACITY ? emptied.poll() : null;
    if (reused != null) {
      reused.clear();
      return reused;
    }
    return MatchBatch.startingWith(packet);
  }

  /** Gives back a batch whose packets were all taken, to be filled again. */
  void done(MatchBatch batch) {
    if (batch.reusable()) {
      emptied.offer(batch); // when full, the collector takes it
    }
  }

  private void hand(Handoff handoff) throws InterruptedException {
    if (closed) {
      throw new InterruptedException("closed");
    }
    handoffs.put(handoff);
  }

  private void handQuietly(Handoff handoff) {
    try {
      hand(handoff);
    } catch (InterruptedException closing) {
      // close(): nobody takes it
    }
  }

  /**
   * Stops the part and waits for its thread to end, from any thread; a taker waiting in {@link
   * #take()} then gets an {@link End}.
   */
  void close() {
    closed = true;
    worker.interrupt();
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    handoffs.clear();
    handoffs.offer(new End(start, null, null));
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
