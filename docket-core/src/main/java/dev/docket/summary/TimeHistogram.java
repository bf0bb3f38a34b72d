package dev.docket.summary;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packets and bytes over time in a fixed number of buckets, for a time range not known in advance.
 *
 * <p>Buckets are aligned to whole multiples of their width since the epoch. The width starts at a
 * microsecond; when a packet falls outside the buckets' reach, neighbouring buckets are merged in
 * pairs and the width doubles, until it fits. Alignment makes the merge exact (each new bucket is
 * exactly two old ones), and memory stays fixed however long the result runs. Packets are expected
 * in time order, but an earlier one is placed correctly too (the buckets shift), so the buckets
 * always sum to what was added.
 */
final class TimeHistogram {
  static final long INITIAL_WIDTH_NANOS = 1_000;

  private final long[] packets;
  private final long[] bytes;
  private long width = INITIAL_WIDTH_NANOS;
  /** The bucket number, counted in widths since the epoch, of slot 0. */
  private long firstBucket;
  /** Slots {@code [0, used)} span the first to the last bucket holding packets. */
  private int used;

  TimeHistogram(int bucketCount) {
    // Four buckets cover the whole long range at the widest width, so the doubling always ends.
    checkArgument(bucketCount >= 4, "at least 4 buckets, not %s", bucketCount);
    packets = new long[bucketCount];
    bytes = new long[bucketCount];
  }

  void add(long timestampNanos, long byteCount) {
    long bucket = Math.floorDiv(timestampNanos, width);
    if (used == 0) {
      firstBucket = bucket;
      used = 1;
    }
    long slot = bucket - firstBucket;
    if (slot < 0 || slot >= packets.length) {
      slot = makeRoom(timestampNanos);
    }
    int index = (int) slot;
    packets[index]++;
    bytes[index] += byteCount;
    used = Math.max(used, index + 1);
  }

  /** Widens and shifts the buckets until {@code timestampNanos} falls in one; returns its slot. */
  private long makeRoom(long timestampNanos) {
    long bucket = Math.floorDiv(timestampNanos, width);
    while (Math.max(bucket, firstBucket + used - 1) - Math.min(bucket, firstBucket) >= packets.length) {
      doubleWidth();
      bucket = Math.floorDiv(timestampNanos, width);
    }
    if (bucket < firstBucket) {
      int shift = (int) (firstBucket - bucket);
      System.arraycopy(packets, 0, packets, shift, used);
      System.arraycopy(bytes, 0, bytes, shift, used);
      Arrays.fill(packets, 0, shift, 0);
      Arrays.fill(bytes, 0, shift, 0);
      firstBucket = bucket;
      used += shift;
    }
    return bucket - firstBucket;
  }

  /**
   * Merges buckets 2k and 2k+1 (counted since the epoch) into bucket k of twice the width. Each
   * slot moves to a slot at or before it, in order, so the merge runs in place.
   */
  private void doubleWidth() {
    long merged = Math.floorDiv(firstBucket, 2);
    for (int i = 0; i < used; i++) {
      int to = (int) (Math.floorDiv(firstBucket + i, 2) - merged);
      long movedPackets = packets[i];
      long movedBytes = bytes[i];
      packets[i] = 0;
      bytes[i] = 0;
      packets[to] += movedPackets;
      bytes[to] += movedBytes;
    }
    used = (int) (Math.floorDiv(firstBucket + used - 1, 2) - merged) + 1;
    firstBucket = merged;
    width *= 2;
  }

  long widthNanos() {
    return width;
  }

  /** The buckets from the first to the last holding packets; none before any packet. */
  List<ResultSummary.Bucket> buckets() {
    List<ResultSummary.Bucket> buckets = new ArrayList<>(used);
    for (int i = 0; i < used; i++) {
      buckets.add(new ResultSummary.Bucket(start(firstBucket + i), packets[i], bytes[i]));
    }
    return buckets;
  }

  /**
   * Where a bucket starts. Only the bucket of a timestamp within a width of {@link Long#MIN_VALUE}
   * can start before the long range does; it is said to start at {@link Long#MIN_VALUE}.
   */
  private long start(long bucket) {
    long high = Math.multiplyHigh(bucket, width);
    long low = bucket * width;
    return high == (low >> 63) ? low : Long.MIN_VALUE;
  }
}
