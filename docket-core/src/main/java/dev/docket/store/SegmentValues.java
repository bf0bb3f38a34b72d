package dev.docket.store;

import com.google.common.primitives.ImmutableLongArray;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The distinct values of one kind (addresses, ports, protocols...) that a block's packets carry, each
 * with the set of the block's segments whose packets carry it, as a bit mask. Sorted, so the
 * segments holding any value of a range (a network, a port range) are a binary search and a walk.
 * Values are at most 60 bits wide, in the order their signed {@code long}s sort.
 */
final class SegmentValues {
  static final SegmentValues NONE = new SegmentValues(new long[0], new char[0]);

  /** How many segments a block has at most: one bit of a mask each. */
  static final int MAX_SEGMENTS = 16;

  private static final int SEGMENT_BITS = 4;
  private static final long MIN_VALUE = Long.MIN_VALUE >> SEGMENT_BITS;

  private final long[] values;
  private final char[] masks;

  private SegmentValues(long[] values, char[] masks) {
    this.values = values;
    this.masks = masks;
  }

  /** The segments holding a value in {@code [low, high]}; values outside 60 bits are clamped. */
  int segmentsBetween(long low, long high) {
    int at = Arrays.binarySearch(values, Math.max(low, MIN_VALUE));
    int segments = 0;
    for (int i = at >= 0 ? at : -at - 1; i < values.length && values[i] <= high; i++) {
      segments |= masks[i];
    }
    return segments;
  }

  int size() {
    return values.length;
  }

  int serializedSize() {
    return 4 + 8 * values.length + 2 * masks.length;
  }

  void write(ByteBuffer out) {
    out.putInt(values.length);
    out.asLongBuffer().put(values);
    out.position(out.position() + 8 * values.length);
    out.asCharBuffer().put(masks);
    out.position(out.position() + 2 * masks.length);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws java.nio.BufferUnderflowException when the bytes end first
   * @throws IllegalArgumentException when the count or the order is impossible
   */
  static SegmentValues read(ByteBuffer in) {
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / 10) {
      throw new IllegalArgumentException("count " + count + " exceeds the index");
    }
    long[] values = new long[count];
    char[] masks = new char[count];
    in.asLongBuffer().get(values);
    in.position(in.position() + 8 * count);
    in.asCharBuffer().get(masks);
    in.position(in.position() + 2 * count);
    for (int i = 1; i < count; i++) {
      if (values[i - 1] >= values[i]) {
        throw new IllegalArgumentException("values out of order");
      }
    }
    return new SegmentValues(values, masks);
  }

  /**
   * Collects values as a block's packets are added; each value may come many times. A small
   * direct-mapped memory of the keys just added drops most repeats before they are kept and sorted:
   * a segment's packets mostly repeat a few flows' addresses and ports.
   */
  static final class Builder {
    private static final int RECENT_SLOTS = 256;

    /** {@code value << 4 | segment}: sorting them groups each value's segments. */
    private ImmutableLongArray.Builder keys = ImmutableLongArray.builder();
    private final long[] recentKeys = new long[RECENT_SLOTS];
    /** Which block each slot was filled in: a slot from an earlier block is empty. */
    private final int[] recentBlocks = new int[RECENT_SLOTS];
    private int block = 1;

    /**
     * @param value within 60 bits (signed)
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
      char[] masks = new char[sorted.length];
      int count = 0;
      for (long key : sorted) {
        long value = key >> SEGMENT_BITS;
        char segment = (char) (1 << (key & (MAX_SEGMENTS - 1)));
        if (count > 0 && values[count - 1] == value) {
          masks[count - 1] |= segment;
        } else {
          values[count] = value;
          masks[count++] = segment;
        }
      }
      return new SegmentValues(Arrays.copyOf(values, count), Arrays.copyOf(masks, count));
    }
  }
}
