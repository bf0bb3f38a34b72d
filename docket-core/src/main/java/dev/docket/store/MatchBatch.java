package dev.docket.store;

import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;

/**
 * One stored file's matching packets copied out of a reader's buffer, so that a store worker can hand
 * them to the merging thread and read on. Unlike the fan-out's {@code source.PacketBatch}, which a
 * reader fills and the merge reads once in order, the merge peeks at any packet's time by index
 * (to decide when the next file joins). Holds up to {@link #CAPACITY} bytes of packet data (or one
 * larger packet), and up to {@link #MAX_PACKETS} packets.
 */
final class MatchBatch {
  static final int CAPACITY = 1 << 18;
  static final int MAX_PACKETS = 4096;

  private final byte[] bytes;
  private final ByteBuffer buffer;
  private final int[] offsets = new int[MAX_PACKETS];
  private final int[] capturedLengths = new int[MAX_PACKETS];
  private final int[] originalLengths = new int[MAX_PACKETS];
  private final long[] timestamps = new long[MAX_PACKETS];
  private final int[] linkTypes = new int[MAX_PACKETS];
  private final int[] interfaces = new int[MAX_PACKETS];
  private int size;
  private int used;

  private MatchBatch(int capacity) {
    this.bytes = new byte[capacity];
    this.buffer = ByteBuffer.wrap(bytes);
  }

  /** A batch that {@code packet} fits in: a normal one, or one just for it when it is giant. */
  static MatchBatch startingWith(PacketView packet) {
    return new MatchBatch(Math.max(CAPACITY, packet.capturedLength()));
  }

  /** Whether this is a normal batch, which can be {@linkplain #clear() emptied} and filled again. */
  boolean reusable() {
    return bytes.length == CAPACITY;
  }

  /** Empties the batch for reuse: its packets are forgotten. */
  void clear() {
    size = 0;
    used = 0;
  }

  boolean fits(PacketView packet) {
    return size < MAX_PACKETS && used + packet.capturedLength() <= bytes.length;
  }

  void add(PacketView packet) {
    int length = packet.capturedLength();
    packet.buffer().get(packet.offset(), bytes, used, length);
    offsets[size] = used;
    capturedLengths[size] = length;
    originalLengths[size] = packet.originalLength();
    timestamps[size] = packet.timestampNanos();
    linkTypes[size] = packet.linkType();
    interfaces[size] = packet.interfaceIndex();
    used += length;
    size++;
  }

  int size() {
    return size;
  }

  /** The bytes of packet data held. */
  int bytes() {
    return used;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long timestampNanos(int index) {
    return timestamps[index];
  }

  /** Points {@code view} at packet {@code index}. */
  void view(int index, PacketView view) {
    view.reset(buffer, offsets[index], capturedLengths[index], originalLengths[index], timestamps[index],
        linkTypes[index], interfaces[index]);
  }
}
