package dev.docket.pcap;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Little-endian record output through one reused buffer, written to the stream in big chunks.
 * Guava's LittleEndianDataOutputStream would cost a stream call per field; a writer puts millions.
 *
 * <p>A {@link WriteBehindStream} lends its own direct buffers instead: records are put straight
 * into what its thread hands to the kernel, with no copy in between.
 */
final class RecordOutput implements Flushable, Closeable {
  private static final int CAPACITY = 1 << 18;

  private final OutputStream out;
  private final @Nullable WriteBehindStream behind;
  private ByteBuffer buffer;

  RecordOutput(OutputStream out) {
    this.out = out;
    if (out instanceof WriteBehindStream writeBehind) {
      this.behind = writeBehind;
      this.buffer = writeBehind.buffer();
    } else {
      this.behind = null;
      this.buffer = ByteBuffer.allocate(CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /** Makes room for {@code count} bytes of fields; larger packet bytes go through {@link #putBytes}. */
  RecordOutput reserve(int count) throws IOException {
    if (buffer.remaining() < count) {
      drain();
    }
    return this;
  }

  RecordOutput putInt(int value) {
    buffer.putInt(value);
    return this;
  }

  RecordOutput putShort(int value) {
    buffer.putShort((short) value);
    return this;
  }

  RecordOutput putLong(long value) {
    buffer.putLong(value);
    return this;
  }

  RecordOutput putZeros(int count) {
    for (int i = 0; i < count; i++) {
      buffer.put((byte) 0);
    }
    return this;
  }

  /** Copies {@code source[offset, offset + length)}; the source's position and limit stay put. */
  RecordOutput putBytes(ByteBuffer source, int offset, int length) throws IOException {
    if (length > buffer.remaining()) {
      drain();
    }
    if (length <= buffer.remaining()) {
      buffer.put(buffer.position(), source, offset, length);
      buffer.position(buffer.position() + length);
      return this;
    }
    // Larger than the whole buffer: pass it through in buffer-sized pieces.
    for (int done = 0; done < length; ) {
      int piece = Math.min(buffer.remaining(), length - done);
      buffer.put(buffer.position(), source, offset + done, piece);
      buffer.position(buffer.position() + piece);
      done += piece;
      drain();
    }
    return this;
  }

  private void drain() throws IOException {
    if (behind != null) {
      behind.queueCurrent();
      buffer = behind.buffer();
      return;
    }
    out.write(buffer.array(), 0, buffer.position());
    buffer.clear();
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try (OutputStream closing = out) {
      drain();
    }
  }
}
