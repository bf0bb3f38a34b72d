package dev.docket.pcap;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * The one buffer a reader decodes from: a window onto the input that is compacted and refilled in
 * big reads, so memory stays bounded whatever the file size. Decoders read records in place with
 * absolute gets at {@link #position()}; a record stays valid until the next {@link #request}.
 */
final class CaptureInput implements Closeable {
  /** A mebibyte: reads big enough that system calls cost little beside the decoding. */
  static final int DEFAULT_CAPACITY = 1 << 20;

  private final String name;
  private final ChunkSource source;
  private final int maxRecordSize;
  private ByteBuffer buffer;
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
  private int position;
  private int limit;
  private long bufferOffset;
  private boolean ended;
  private @Nullable CorruptCaptureException failure;

  /**
   * @param maxRecordSize the largest record a decoder will {@link #request}; the buffer grows to
   *     it only when such a record actually arrives
   * @param initialCapacity the buffer's size until a record needs more: big reads for one input,
   *     less each when many inputs are open at once and share a memory budget
   */
  CaptureInput(String name, ChunkSource source, int maxRecordSize, int initialCapacity) {
    this.name = name;
    this.source = source;
    this.maxRecordSize = maxRecordSize;
    this.buffer = source.allocate(initialCapacity).order(order);
  }

  String name() {
    return name;
  }

  ByteBuffer buffer() {
    return buffer;
  }

  /** Index in {@link #buffer()} of the next unread byte. */
  int position() {
    return position;
  }

  /** Bytes buffered from {@link #position()} on. */
  int available() {
    return limit - position;
  }

  /** The file offset of {@link #position()}. */
  long offset() {
    return bufferOffset + position;
  }

  void order(ByteOrder newOrder) {
    order = newOrder;
    buffer.order(newOrder);
  }

  ByteOrder order() {
    return order;
  }

  void skip(int count) {
    position += count;
  }

  /**
   * Makes {@code count} bytes from {@link #position()} available; false when the input ends first.
   * May move the bytes, so re-read {@link #buffer()} and {@link #position()} afterwards.
   */
  boolean request(int count) throws IOException {
    return limit - position >= count || fill(count);
  }

  private boolean fill(int count) throws IOException {
    if (count > maxRecordSize) {
      throw new IllegalArgumentException("record of " + count + " bytes exceeds " + maxRecordSize);
    }
    compact();
    while (limit < count && !ended) {
      if (limit == buffer.capacity()) {
        grow();
      }
      buffer.limit(buffer.capacity()).position(limit);
      int read = readChunk();
      if (read < 0) {
        ended = true;
      } else {
        limit += read;
      }
    }
    return limit >= count;
  }

  private int readChunk() throws IOException {
    try {
      return source.read(buffer);
    } catch (ZipException | EOFException e) {
      // Only the gzip layer throws these: damaged compressed data ends the input like a truncation,
      // after the packets already decompressed.
      failure = new CorruptCaptureException(name, bufferOffset + limit, "bad gzip data: " + e.getMessage());
      return -1;
    }
  }

  private void compact() {
    if (position == 0) {
      return;
    }
    buffer.limit(limit).position(position);
    buffer.compact();
    bufferOffset += position;
    limit -= position;
    position = 0;
  }

  /** Grows only as data arrives, so a corrupt length field cannot make us allocate its claim. */
  private void grow() {
    // Called only for a record longer than the buffer, so never past maxRecordSize.
    int capacity = (int) Math.min(maxRecordSize, 2L * buffer.capacity());
    ByteBuffer bigger = source.allocate(capacity).order(order);
    buffer.limit(limit).position(0);
    bigger.put(buffer);
    buffer = bigger;
  }

  /**
   * The failure for damage at {@code offset}: a gzip failure that ended the input early wins, since
   * it explains the truncation.
   */
  CorruptCaptureException corrupt(long offset, String reason) {
    CorruptCaptureException pending = failure;
    return pending != null ? pending : new CorruptCaptureException(name, source.fileOffset(offset), reason);
  }

  /** At a record boundary with nothing left: the input ended, cleanly unless gzip cut it short. */
  void throwIfCutShort() throws CorruptCaptureException {
    CorruptCaptureException pending = failure;
    if (pending != null) {
      throw pending;
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
