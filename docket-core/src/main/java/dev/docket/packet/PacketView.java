package dev.docket.packet;

import java.nio.ByteBuffer;

/**
 * One captured packet, viewed in place: a flyweight that a reader points at each record in turn.
 * The bytes stay in the reader's buffer and are valid only until the reader moves on; copy what you
 * keep.
 *
 * <p>Record fields: link type, timestamp in nanoseconds since the epoch, captured length (the bytes
 * present) and original length (the packet on the wire), and the index of the capture interface
 * within its file (always 0 for classic pcap).
 */
public final class PacketView {
  private ByteBuffer buffer = ByteBuffer.allocate(0);
  private int offset;
  private int capturedLength;
  private int originalLength;
  private long timestampNanos;
  private int linkType;
  private int interfaceIndex;

  /**
   * Points this view at a record whose captured bytes are {@code buffer[offset, offset +
   * capturedLength)}. The buffer's position and limit are not used or changed.
   */
  public void reset(
      ByteBuffer buffer,
      int offset,
      int capturedLength,
      int originalLength,
      long timestampNanos,
      int linkType,
      int interfaceIndex) {
    this.buffer = buffer;
    this.offset = offset;
    this.capturedLength = capturedLength;
    this.originalLength = originalLength;
    this.timestampNanos = timestampNanos;
    this.linkType = linkType;
    this.interfaceIndex = interfaceIndex;
  }

  /** The buffer holding the captured bytes, at {@link #offset()}. Do not modify it. */
  public ByteBuffer buffer() {
    return buffer;
  }

  public int offset() {
    return offset;
  }

  public int capturedLength() {
    return capturedLength;
  }

  public int originalLength() {
    return originalLength;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  public int linkType() {
    return linkType;
  }

  public int interfaceIndex() {
    return interfaceIndex;
  }

  /** Copies the captured bytes out, for keeping past the reader's next move. */
  public byte[] copyBytes() {
    byte[] bytes = new byte[capturedLength];
    buffer.get(offset, bytes);
    return bytes;
  }
}
