package dev.docket.testing;

import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A frame made by {@link FrameBuilder}: its bytes, its link type and the fields it holds.
 *
 * @param bytes the whole frame; do not modify
 */
public record CraftedFrame(byte[] bytes, int linkType, FrameFields fields) {

  /** A view of the whole frame at offset 0 of its own buffer. */
  public PacketView view(long timestampNanos) {
    return viewCutTo(bytes.length, timestampNanos);
  }

  /**
   * A view whose capture kept only the first {@code capturedLength} bytes. The frame sits at a
   * non-zero offset in a little-endian buffer with the rest of the frame still after the cut and
   * stray bytes before it, so a decoder that ignores the offset, the captured length or the byte
   * order sees the wrong answer.
   */
  public PacketView viewCutTo(int capturedLength, long timestampNanos) {
    int offset = 3;
    ByteBuffer buffer = ByteBuffer.allocate(offset + bytes.length + 5).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(0, new byte[] {0x45, 0x00, (byte) 0x81}).put(offset, bytes);
    PacketView view = new PacketView();
    view.reset(buffer, offset, capturedLength, bytes.length, timestampNanos, linkType, 0);
    return view;
  }

  /**
   * A view of the first {@code capturedLength} bytes alone, in a buffer that ends where they do, so
   * that any read past the captured length throws.
   */
  public PacketView viewOfPrefix(int capturedLength, long timestampNanos) {
    ByteBuffer buffer = ByteBuffer.wrap(Arrays.copyOf(bytes, capturedLength));
    PacketView view = new PacketView();
    view.reset(buffer, 0, capturedLength, bytes.length, timestampNanos, linkType, 0);
    return view;
  }
}
