package dev.docket.pcap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * An output stream whose bytes a thread of its own writes to a channel, so that writing a capture —
 * the kernel copying gigabytes into the page cache — runs on the second core while the caller
 * reads, filters and merges on the first.
 *
 * <p>Bytes gather in one of a few buffers (direct for a channel, arrays for a stream); a full
 * buffer is queued for the writer thread and the caller goes on in an empty one. The capture
 * writers ({@link PcapWriter}, {@link PcapngWriter}) fill these buffers in place, with no copy
 * between their records and the kernel. Memory is bounded: when every buffer is queued the caller
 * waits. A write that failed on the writer thread is thrown by the caller's next call, and every
 * later one; bytes after a failure are dropped.
 */
public final class WriteBehindStream extends OutputStream {
  /**
   * Small enough that a buffer is still in the CPU's caches when the writer thread hands it to the
   * kernel. The kernel's copy into the page cache is most of a merge's system time: with 1 MiB
   * buffers it took 4.9 s of CPU for a 4.3 GB merge to disk, with 256 KiB 0.5 s (perf,
   * copy_folio_from_iter_atomic on the writer thread; bench/README.md). Four of them still keep
   * the writer a megabyte behind, and a hand-over costs a few microseconds.
   */
  static final int BUFFER_SIZE = 1 << 18;
  private static final int BUFFER_COUNT = 4;
  /** Tells the writer thread to stop; never written. */
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final WritableByteChannel channel;
  private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFER_COUNT + 1);
  private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(BUFFER_COUNT);
  private final Thread writer;
  private ByteBuffer current;
  /** Buffers queued by the caller, and buffers the writer thread has finished with. */
  private long queued;
  private long finished;
  private volatile @Nullable IOException failure;
  private boolean closed;

  private WriteBehindStream(WritableByteChannel channel, boolean arrays, ThreadFactory threads) {
    this.channel = channel;
    for (int i = 0; i < BUFFER_COUNT; i++) {
      ByteBuffer buffer = arrays ? ByteBuffer.allocate(BUFFER_SIZE) : ByteBuffer.allocateDirect(BUFFER_SIZE);
      empty.add(buffer.order(ByteOrder.LITTLE_ENDIAN));
    }
    this.current = empty.remove();
    this.writer = threads.newThread(this::writeQueued);
  }

  /**
   * Starts writing to {@code channel}, which is closed with this stream.
   *
   * @param threads makes the one writer thread, which ends when the stream is closed
   */
  public static WriteBehindStream start(WritableByteChannel channel, ThreadFactory threads) {
    WriteBehindStream stream = new WriteBehindStream(channel, false, threads);
    stream.writer.start();
    return stream;
  }

  /**
   * Starts writing to {@code out}, which is closed with this stream. The buffers are then arrays,
   * each handed to the stream whole: a stream takes arrays, and a direct buffer would be copied.
   *
   * @param threads makes the one writer thread, which ends when the stream is closed
   */
  public static WriteBehindStream start(OutputStream out, ThreadFactory threads) {
    WriteBehindStream stream = new WriteBehindStream(new StreamChannel(out), true, threads);
    stream.writer.start();
    return stream;
  }

  @Override
  public void write(int b) throws IOException {
    if (!current.hasRemaining()) {
      queueCurrent();
    }
    current.put((byte) b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    while (length > 0) {
      if (!current.hasRemaining()) {
        queueCurrent();
      }
      int piece = Math.min(length, current.remaining());
      current.put(bytes, offset, piece);
      offset += piece;
      length -= piece;
    }
  }

  /**
   * The buffer the next bytes go into, for a writer that fills it in place: it puts at the
   * buffer's position and advances it, then calls {@link #queueCurrent()} when it needs room.
   */
  ByteBuffer buffer() {
    return current;
  }

  /** Queues the current buffer, if it holds anything, and makes an empty one current. */
  void queueCurrent() throws IOException {
    throwIfFailed();
    if (current.position() == 0) {
      return;
    }
    current.flip();
    try {
      full.put(current);
      synchronized (this) {
        queued++;
      }
      current = empty.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to write");
    }
  }

  /**
   * Closes the channel written to, from any thread, as a run that is given up does: a write
   * blocked there wakes if the channel's closing wakes it, and every later write fails at once.
   */
  public void closeChannel() throws IOException {
    channel.close();
  }

  /** Returns once every byte written so far has reached the channel. */
  @Override
  public void flush() throws IOException {
    queueCurrent();
    try {
      synchronized (this) {
        while (finished < queued) {
          wait();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for writes to finish");
    }
    throwIfFailed();
  }

  /** Writes what is left, stops the writer thread (waiting for it to end) and closes the channel. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (WritableByteChannel closing = channel) {
      flush();
    } finally {
      full.add(END);
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void throwIfFailed() throws IOException {
    IOException failed = failure;
    if (failed != null) {
      // A fresh exception for this caller's stack; the writer thread's is its cause.
      throw new IOException(failed.getMessage(), failed);
    }
  }

  private void writeQueued() {
    try {
      while (true) {
        ByteBuffer next = full.take();
        if (next == END) {
          return;
        }
        if (failure == null) {
          try {
            while (next.hasRemaining()) {
              channel.write(next);
            }
          } catch (IOException e) {
            failure = e;
          } catch (RuntimeException e) {
            // A channel that throws unchecked fails the stream, and the thread goes on handing
            // buffers back so that the caller never waits for one in vain.
            failure = new IOException("writing failed: " + e, e);
          }
        }
        next.clear();
        empty.add(next);
        synchronized (this) {
          finished++;
          notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but the JVM going down.
    }
  }
}
