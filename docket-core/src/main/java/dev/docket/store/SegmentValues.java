package dev.docket.store;

import com.google.common.primitives.ImmutableLongArray;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The distinct values of one kind (addresses, ports, protocols...) that a block's packets carry, each
 * with the set of the block's segments whose packets carry it, as a bit mask. Sorted, so the
 * segments holding any value of a range (a network, a port range) are a binary search and a walk.
 * (The order is not checked when an index is read: its checksum is, see {@link FileIndex}.)
 * Values are at most 59 bits wide, in the order their signed {@code long}s sort.
 */
final class SegmentValues {
  static final SegmentValues NONE = new SegmentValues(ByteBuffer.allocate(0), 0, 0);

  /** How many segments a block has at most: one bit of a mask each. */
  static final int MAX_SEGMENTS = 32;

  private static final int SEGMENT_BITS = 5;
  private static final long MIN_VALUE = Long.MIN_VALUE >> SEGMENT_BITS;
  private static final int BYTES_EACH = Long.BYTES + Integer.BYTES;

  /**
   * Where the values are: {@code count} longs from {@code at}, then their {@code count} int masks.
   * A view into the index as read, so that loading an index copies and allocates nothing per value.
   */
  private final ByteBuffer bytes;
  private final int at;
  private final int count;

  private SegmentValues(ByteBuffer bytes, int at, int count) {
    this.bytes = bytes;
    this.at = at;
    this.count = count;
  }

  private long value(int index) {
    return bytes.getLong(at + Long.BYTES * index);
  }

  private int mask(int index) {
    return bytes.getInt(at + Long.BYTES * count + Integer.BYTES * index);
  }

  /** The segments holding a value in {@code [low, high]}; values outside 59 bits are clamped. */
  int segmentsBetween(long low, long high) {
    long from = Math.max(low, MIN_VALUE);
    int lowest = 0;
    int highest = count; // the first value at or above {@code from} lies in [lowest, highest]
    while (lowest < highest) {
      int middle = (lowest + highest) >>> 1;
      if (value(middle) < from) {
        lowest = middle + 1;
      } else {
        highest = middle;
      }
    }
    int segments = 0;
    for (int i = lowest; i < count && value(i) <= high; i++) {
      segments |= mask(i);
    }
    return segments;
  }

  int serializedSize() {
    return Integer.BYTES + BYTES_EACH * count;
  }

  void write(ByteBuffer out) {
    out.putInt(count);
    out.put(bytes.duplicate().position(at).limit(at + BYTES_EACH * count));
  }

  /**
   * Reads what {@link #write} wrote, as a view of {@code in}, which must not change afterwards.
   *
   * @throws java.nio.BufferUnderflowException when the bytes end first
   * @throws IllegalArgumentException when the count is impossible
   */
  static SegmentValues read(ByteBuffer in) {
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / BYTES_EACH) {
      throw new IllegalArgumentException("count " + count + " exceeds the index");
    }
    SegmentValues values = new SegmentValues(in, in.position(), count);
    in.position(in.position() + BYTES_EACH * count);
    return values;
  }

  /**
   * Collects values as a block's packets are added; each value may come many times. A small
   * direct-mapped memory of the keys just added drops most repeats before they are kept and sorted:
   * a segment's packets mostly repeat a few flows' addresses and ports.
   */
  static final class Builder {
    private static final int RECENT_SLOTS = 256;

    /** {@code value << 5 | segment}: sorting them groups each value's segments. */
    private ImmutableLongArray.Builder keys = ImmutableLongArray.builder();
    private final long[] recentKeys = new long[RECENT_SLOTS];
    /** Which block each slot was filled in: a slot from an earlier block is empty. */
    private final int[] recentBlocks = new int[RECENT_SLOTS];
    private int block = 1;

    /**
     * @param value within 59 bits (signed)
     * @param segment below {@link #MAX_SEGMENTS}
     */
    void add(long value, int segment) {
      long key = value << SEGMENT_BITS | segment;
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 56);
      if (recentBlocks[slot] == block && recentKeys[slot] == key) {
        return;
      }
      recentBlocks[slot] = block;
      recentKeys[slot] = key;
      keys.add(key);
    }

    /** The values added since the last build, then starts afresh. */
    SegmentValues build() {
      long[] sorted = keys.build().toArray();
      keys = ImmutableLongArray.builder();
      block++;
      if (sorted.length == 0) {
        return NONE;
      }
      Arrays.sort(sorted);
      long[] values = new long[sorted.length];
      int[] masks = new int[sorted.length];
      int count = 0;
      for (long key : sorted) {
        long value = key >> SEGMENT_BITS;
        int segment = 1 << (key & (MAX_SEGMENTS - 1));
        if (count > 0 && values[count - 1] == value) {
          masks[count - 1] |= segment;
        } else {
          values[count] = value;
          masks[count++] = segment;
        }
      }
      ByteBuffer bytes = ByteBuffer.allocate(BYTES_EACH * count);
      bytes.asLongBuffer().put(values, 0, count);
      bytes.position(Long.BYTES * count).asIntBuffer().put(masks, 0, count);
      return new SegmentValues(bytes.clear(), 0, count);
    }
  }
}
