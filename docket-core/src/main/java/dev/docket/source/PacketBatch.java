package dev.docket.source;

import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packets copied out of a source's reader into one buffer, to cross from the source's thread to the
 * merging thread: the reader's own buffer is reused as soon as it moves on. Each record is a
 * 24-byte header (timestamp, captured and original length, link type, the interface as the
 * source's stream numbers it) and the bytes.
 */
final class PacketBatch {
  static final int CAPACITY = 1 << 18;
  private static final int HEADER = 24;

  private final ByteBuffer buffer;
  private int readPosition;

  private PacketBatch(int capacity) {
    buffer = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
  }

  static PacketBatch create() {
    return new PacketBatch(CAPACITY);
  }

  /** A batch that holds nothing: a marker in a queue. */
  static PacketBatch marker() {
    return new PacketBatch(0);
  }

  /** A batch for one packet too big for a normal batch. */
  static PacketBatch forOversized(PacketView packet) {
    return new PacketBatch(HEADER + packet.capturedLength());
  }

  /** Whether {@code packet} fits in an empty normal batch. */
  static boolean fitsAny(PacketView packet) {
    return HEADER + packet.capturedLength() <= CAPACITY;
  }

  boolean isEmpty() {
    return buffer.position() == 0;
  }

  /**
   * Copies {@code packet}, recorded on the source stream's interface {@code interfaceId}, in; false,
   * copying nothing, when it does not fit.
   */
  boolean add(PacketView packet, int interfaceId) {
    int length = packet.capturedLength();
    if (buffer.remaining() < HEADER + length) {
      return false;
    }
    buffer
        .putLong(packet.timestampNanos())
        .putInt(length)
        .putInt(packet.originalLength())
        .putInt(packet.linkType())
        .putInt(interfaceId);
    buffer.put(buffer.position(), packet.buffer(), packet.offset(), length);
    buffer.position(buffer.position() + length);
    return true;
  }

  /** Points {@code view} at the next packet; false when every packet has been read. */
  boolean read(PacketView view) {
    if (readPosition >= buffer.position()) {
      return false;
    }
    int at = readPosition;
    int length = buffer.getInt(at + 8);
    view.reset(
        buffer, at + HEADER, length, buffer.getInt(at + 12), buffer.getLong(at), buffer.getInt(at + 16),
        buffer.getInt(at + 20));
    readPosition = at + HEADER + length;
    return true;
  }

  /** Empties the batch for reuse. */
  void clear() {
    buffer.clear();
    readPosition = 0;
  }

  boolean isNormalSize() {
    return buffer.capacity() == CAPACITY;
  }
}
