package dev.docket.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import reactor.core.publisher.FluxSink;

/**
 * An output stream whose bytes go to an HTTP response's publisher in chunks, no faster than the
 * client takes them: a write blocks while the client has asked for no more chunks, so a capture
 * larger than memory streams in bounded memory. When the client goes away ({@link #cancel()}) a
 * blocked or later write fails at once, which is how the run writing here learns to stop.
 */
final class DemandStream extends OutputStream {
  static final int CHUNK = 64 * 1024;

  private final FluxSink<byte[]> sink;
  private final byte[] buffer = new byte[CHUNK];
  private int filled;
  private long bytes;
  /** Chunks the client has asked for and not yet been sent; guarded by {@code this}. */
  private long requested;
  private boolean cancelled;
  private boolean closed;

  DemandStream(FluxSink<byte[]> sink) {
    this.sink = sink;
  }

  /** The client asked for {@code chunks} more (from Reactor's thread). */
  synchronized void request(long chunks) {
    requested = requested + chunks < 0 ? Long.MAX_VALUE : requested + chunks;
    notifyAll();
  }

  /** The client went away: every write from now on fails. */
  synchronized void cancel() {
    cancelled = true;
    notifyAll();
  }

  /** The bytes handed to the client so far. */
  synchronized long bytes() {
    return bytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    while (length > 0) {
      int taken = Math.min(length, CHUNK - filled);
      System.arraycopy(data, offset, buffer, filled, taken);
      filled += taken;
      offset += taken;
      length -= taken;
      if (filled == CHUNK) {
        send();
      }
    }
  }

  /** Sends what is buffered; a capture writer flushes at the end and when it waits for packets. */
  @Override
  public void flush() throws IOException {
    if (filled > 0) {
      send();
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      flush();
      closed = true;
    }
  }

  private void send() throws IOException {
    synchronized (this) {
      while (requested == 0 && !cancelled) {
        try {
          wait();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the client was not reading");
        }
      }
      if (cancelled) {
        throw new IOException("the client went away");
      }
      requested--;
      bytes += filled;
    }
    sink.next(Arrays.copyOf(buffer, filled));
    filled = 0;
  }
}
