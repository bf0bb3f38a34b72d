package dev.docket.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.FluxSink;

/**
 * An output stream whose bytes go to an HTTP response's body in chunks, no faster than the client
 * takes them: a write blocks while the client has asked for no more chunks, so a capture larger
 * than memory streams in bounded memory. When the client goes away ({@link #cancel()}) a blocked or
 * later write fails at once, which is how the run writing here learns to stop.
 *
 * <p>The run starts before the response exists, so that an answer that fails before its first
 * chunk (every source failed) can still be an HTTP error rather than a capture cut short: bytes
 * leave only in whole chunks and the last part only at {@link #finish()}, and {@code firstChunk}
 * is told when the first chunk is ready, which is when the response should be sent. The body's
 * sink is {@linkplain #attach attached} once the response is being written.
 */
final class DemandStream extends OutputStream {
  /**
   * 256 KiB: each chunk costs the reactive chain and Netty's event loop a few events and a socket
   * write whatever its size.
   */
  static final int CHUNK = 256 * 1024;
  /** How long a ready chunk waits for the response's body to be subscribed before giving up. */
  private static final long ATTACH_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Consumer<DemandStream> firstChunk;
  private final ByteBufAllocator chunks;
  /**
   * The chunk being filled, from Netty's pool of direct buffers: handed to the body whole when
   * full, written to the socket as it is, and back in the pool once written. A new heap array a
   * chunk cost a zeroing (memset) and a copy into a direct buffer for every byte streamed.
   * Allocated on the first write, so a stream that never writes holds none.
   */
  private @Nullable ByteBuf buffer;
  private volatile @Nullable Runnable onCancel;
  // Guarded by this:
  private @Nullable FluxSink<ByteBuf> sink;
  private long bytes;
  private long requested;
  private boolean started;
  private boolean cancelled;

  /** @param firstChunk told (with this stream) when the first chunk is ready: time to send the response */
  DemandStream(Consumer<DemandStream> firstChunk) {
    this(firstChunk, PooledByteBufAllocator.DEFAULT);
  }

  /** @param chunks where chunks come from (Netty's pool; a test counts them) */
  DemandStream(Consumer<DemandStream> firstChunk, ByteBufAllocator chunks) {
    this.firstChunk = firstChunk;
    this.chunks = chunks;
  }

  /** The response's body is being written to {@code sink}, which asks for chunks. */
  void attach(FluxSink<ByteBuf> sink) {
    synchronized (this) {
      this.sink = sink;
      notifyAll();
    }
    sink.onRequest(this::request);
  }

  /** What else to stop when the client goes away (the run), set before the run starts. */
  void whenCancelled(Runnable hook) {
    this.onCancel = hook;
  }

  /** The client went away: every write from now on fails, and the run is told. */
  void cancel() {
    synchronized (this) {
      cancelled = true;
      notifyAll();
    }
    Runnable hook = onCancel;
    if (hook != null) {
      hook.run();
    }
  }

  /** Whether the client went away: a write that failed since failed for that. */
  synchronized boolean isCancelled() {
    return cancelled;
  }

  /** The bytes handed to the client so far. */
  synchronized long bytes() {
    return bytes;
  }

  /** Whether the first chunk was ready (and so the response told to go). */
  synchronized boolean started() {
    return started;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    while (length > 0) {
      ByteBuf chunk = chunk();
      int taken = Math.min(length, chunk.writableBytes());
      chunk.writeBytes(data, offset, taken);
      offset += taken;
      length -= taken;
      if (!chunk.isWritable()) {
        send();
      }
    }
  }

  private ByteBuf chunk() {
    ByteBuf chunk = buffer;
    if (chunk == null) {
      chunk = buffer = chunks.directBuffer(CHUNK, CHUNK);
    }
    return chunk;
  }

  /** Holds the bytes: the last part leaves at {@link #finish()}, once the answer is known to stand. */
  @Override
  public void flush() {}

  /** Closed by the run that wrote here; what is buffered waits for {@link #finish()}. */
  @Override
  public void close() {}

  /**
   * Gives a chunk that was never sent back to the pool: the body ended without it. Called by the
   * writing thread once it is done with this stream, however the run ended.
   */
  void releaseUnsent() {
    ByteBuf unsent = buffer;
    buffer = null;
    if (unsent != null) {
      unsent.release();
    }
  }

  /** The answer stands: sends what is still buffered, and ends the body. */
  void finish() throws IOException {
    ByteBuf last = buffer;
    if ((last != null && last.isReadable()) || !started()) {
      send();
    }
    FluxSink<ByteBuf> attached;
    synchronized (this) {
      attached = sink;
    }
    if (attached != null) {
      attached.complete();
    }
  }

  /** Ends the body with {@code failure}, once it has begun (before, the response says it). */
  void fail(Throwable failure) {
    FluxSink<ByteBuf> attached;
    synchronized (this) {
      attached = sink;
    }
    if (attached != null) {
      attached.error(failure);
    }
  }

  private void request(long chunks) {
    synchronized (this) {
      requested = requested + chunks < 0 ? Long.MAX_VALUE : requested + chunks;
      notifyAll();
    }
  }

  private void send() throws IOException {
    boolean first;
    synchronized (this) {
      first = !started;
      started = true;
    }
    if (first) {
      firstChunk.accept(this);
    }
    ByteBuf chunk = chunk();
    FluxSink<ByteBuf> attached;
    synchronized (this) {
      long deadline = System.nanoTime() + ATTACH_NANOS;
      while ((sink == null || requested == 0) && !cancelled) {
        long left = deadline - System.nanoTime();
        if (sink == null && left <= 0) {
          throw new IOException("the response was never read");
        }
        try {
          if (sink == null) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
          } else {
            wait();
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the client was not reading");
        }
      }
      if (cancelled) {
        throw new IOException("the client went away");
      }
      requested--;
      bytes += chunk.readableBytes();
      attached = sink;
    }
    // The chunk goes as it is: the body owns it from now on, and Netty releases it once written.
    buffer = null;
    attached.next(chunk);
  }
}
