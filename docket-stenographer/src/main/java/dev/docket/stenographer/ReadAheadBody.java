package dev.docket.stenographer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A sensor's answer read on a thread of its own into a ring buffer, and taken from it in big pieces.
 *
 * <p>Stenographer writes 4 KB TLS records carrying 2 KB HTTP chunks, so reading the body directly
 * costs the capture reader a refill, and the JIT an inlined TLS stack, every 2 KB. Here the thread
 * does the TLS and HTTP reading (on the second core), and the capture reader gets whatever has
 * arrived — usually hundreds of kilobytes — in one call.
 *
 * <p>A reader that finds only a little waits for more, but never longer than {@link #GATHER_NANOS}:
 * a trickling answer still arrives as it trickles. A failure of the body (a timeout, a cut
 * connection) is thrown to the reader as it was, once the bytes before it are taken. Memory is the
 * ring's megabyte, whatever the answer's size.
 */
final class ReadAheadBody extends InputStream {
  private static final int CAPACITY = 1 << 20;
  /** A reader is woken when this much is in, or the body ends; sooner only by its own timeout. */
  private static final int GATHER_BYTES = 128 << 10;
  private static final long GATHER_NANOS = 2_000_000;

  private final InputStream body;
  private final byte[] ring = new byte[CAPACITY];
  // Guarded by this. Counters only grow: ring index = counter % CAPACITY.
  private long written;
  private long taken;
  private boolean ended;
  private boolean closed;
  private @Nullable IOException failure;
  /** How many buffered bytes would wake the waiting reader; 0 when it is not waiting. */
  private long readerWakesAt;
  private boolean writerWaiting;

  private ReadAheadBody(InputStream body) {
    this.body = body;
  }

  /** Starts reading {@code body} ahead on a thread from {@code threads}, which ends with the body. */
  static ReadAheadBody start(InputStream body, ThreadFactory threads) {
    ReadAheadBody ahead = new ReadAheadBody(body);
    threads.newThread(ahead::readAhead).start();
    return ahead;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public synchronized int read(byte[] into, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, into.length);
    if (length == 0) {
      return 0;
    }
    try {
      awaitBytes(1, Long.MAX_VALUE);
      long gather = Math.min(length, GATHER_BYTES);
      if (written - taken < gather) {
        awaitBytes(gather, System.nanoTime() + GATHER_NANOS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the sensor's answer");
    }
    if (written == taken) {
      if (failure != null) {
        throw failure;
      }
      return -1;
    }
    int at = (int) (taken % CAPACITY);
    int count = (int) Math.min(Math.min(length, written - taken), CAPACITY - at);
    System.arraycopy(ring, at, into, offset, count);
    taken += count;
    if (writerWaiting) {
      notifyAll();
    }
    return count;
  }

  /** Waits until {@code count} bytes are buffered, the body ended or failed, or the deadline. */
  private void awaitBytes(long count, long deadlineNanos) throws InterruptedException {
    while (written - taken < count && !ended && failure == null && !closed) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        break;
      }
      readerWakesAt = count;
      if (deadlineNanos == Long.MAX_VALUE) {
        wait();
      } else {
        wait(left / 1_000_000, (int) (left % 1_000_000));
      }
      readerWakesAt = 0;
    }
  }

  @Override
  public synchronized int available() {
    return (int) Math.min(Integer.MAX_VALUE, written - taken);
  }

  /** Stops reading ahead; the body itself is closed by whoever owns the response. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  private void readAhead() {
    try {
      while (true) {
        int at;
        int room;
        synchronized (this) {
          while (written - taken == CAPACITY && !closed) {
            writerWaiting = true;
            wait();
            writerWaiting = false;
          }
          if (closed) {
            return;
          }
          at = (int) (written % CAPACITY);
          room = (int) Math.min(CAPACITY - (written - taken), CAPACITY - at);
        }
        // Outside the lock: the reader only takes from [taken, written), which this never touches.
        int count = body.read(ring, at, room);
        synchronized (this) {
          if (count < 0) {
            ended = true;
            notifyAll();
            return;
          }
          written += count;
          if (readerWakesAt > 0 && written - taken >= readerWakesAt) {
            notifyAll();
          }
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        failure = e;
        notifyAll();
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but the JVM going down.
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = new IOException("reading the answer failed: " + e, e);
        notifyAll();
      }
    }
  }
}
