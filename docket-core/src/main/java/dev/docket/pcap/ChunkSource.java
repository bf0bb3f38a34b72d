package dev.docket.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Where a {@link CaptureInput} gets its bytes: big reads straight into its buffer. */
interface ChunkSource extends Closeable {
  /** Reads into {@code into}'s remaining space, advancing its position; -1 at the end. */
  int read(ByteBuffer into) throws IOException;

  /** Where in the file the byte at {@code streamOffset} of what this source returns lies, for naming damage. */
  default long fileOffset(long streamOffset) {
    return streamOffset;
  }

  /** A buffer this source fills without an extra copy. */
  ByteBuffer allocate(int capacity);

  static ChunkSource of(ReadableByteChannel channel) {
    return new ChunkSource() {
      @Override
      public int read(ByteBuffer into) throws IOException {
        return channel.read(into);
      }

      // A channel fills a direct buffer itself; a heap buffer would cost a copy through a
      // temporary direct one inside the JDK.
      @Override
      public ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  static ChunkSource of(InputStream stream) {
    return new ChunkSource() {
      @Override
      public int read(ByteBuffer into) throws IOException {
        int count = stream.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
        if (count > 0) {
          into.position(into.position() + count);
        }
        return count;
      }

      @Override
      public ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocate(capacity);
      }

      @Override
      public void close() throws IOException {
        stream.close();
      }
    };
  }
}
