package dev.docket.summary;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Packets and bytes per key, for finding the keys with the most bytes in bounded memory: exact up
 * to a cap of distinct keys, then approximate.
 *
 * <p>A key is a fixed number of longs, so that a conversation or an address is counted without an
 * object per packet: the caller fills one reused array and {@link #add} copies it only for a key
 * not seen before. An entry's key and counts sit side by side in one array, found through an
 * open-addressing table (linear probing, at most half full) whose slots carry each entry's hash:
 * a lookup touches the slot and the entry, two cache lines, as it runs once per packet.
 *
 * <p>When a new key finds the table full, the lighter half is purged, as in the frequent-items
 * sketch of Anderson et al. (2017, after Misra and Gries): the median of the byte counts is taken
 * from every count, the entries left with none are dropped, and the median is added to an offset
 * common to all. A key's true bytes then lie between its count and its count plus the offset, and
 * the offset never exceeds all bytes over half the cap, so a key holding more than that share is
 * sure to be held. A purge costs time in proportion to the cap but frees half of it, so a stream
 * of new keys (a scan) costs constant time a packet on average, with no per-packet bookkeeping
 * while keys repeat. Packets are not what is ranked: past the cap they are counted only since a
 * key was last let in.
 */
final class HeavyHitters {
  private static final int INITIAL_ENTRIES = 256;

  private final int width;
  /** An entry's longs: its key, then packets, then bytes. */
  private final int stride;
  private final int cap;
  private long[] entries;
  private int size;
  /** By hash: the entry's hash in the high half, its number plus one in the low; 0 is empty. */
  private long[] slots;
  /** The medians purged so far, which any count may lack. */
  private long offset;
  private boolean exact = true;
  /** The byte counts, reordered while a purge finds their median; allocated at the first purge. */
  private long[] counts = new long[0];

  HeavyHitters(int keyWidth, int cap) {
    checkArgument(keyWidth > 0, "key width %s", keyWidth);
    checkArgument(cap > 0, "cap %s", cap);
    this.width = keyWidth;
    this.stride = keyWidth + 2;
    this.cap = cap;
    int capacity = Math.min(cap, INITIAL_ENTRIES);
    entries = new long[capacity * stride];
    slots = new long[tableSize(capacity)];
  }

  /** Counts one packet of {@code byteCount} bytes for the key in {@code key[0, width)}. */
  void add(long[] key, long byteCount) {
    int hash = hash(key, 0);
    int mask = slots.length - 1;
    for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      long found = slots[slot];
      if ((int) (found >>> 32) == hash) {
        int at = ((int) found - 1) * stride;
        if (holds(at, key)) {
          entries[at + width]++;
          entries[at + width + 1] += byteCount;
          return;
        }
      }
    }
    if (size == cap) {
      purge();
    }
    insert(key, hash, byteCount);
  }

  /** Whether every count is exact: no entry was ever purged. */
  boolean exact() {
    return exact;
  }

  /** The entries held: every distinct key while exact, fewer once purged. */
  int size() {
    return size;
  }

  /** How many distinct keys came, at least: all while exact, else more than the cap. */
  long distinctAtLeast() {
    return exact ? size : cap + 1L;
  }

  long key(int entry, int index) {
    return entries[entry * stride + index];
  }

  /** The packets counted for the entry's key: all of them while exact, else since it was let in. */
  long packets(int entry) {
    return entries[entry * stride + width];
  }

  /** The entry's bytes: exact while {@link #exact()}, else an upper bound (its count plus the offset). */
  long bytes(int entry) {
    return entries[entry * stride + width + 1] + offset;
  }

  /**
   * The entries with the most bytes, at most {@code count}, the most first; ties go to more
   * packets, then to the key seen first, so the same input always gives the same list.
   */
  int[] top(int count) {
    int[] top = new int[Math.min(count, size)];
    int held = 0;
    for (int entry = 0; entry < size && top.length > 0; entry++) {
      if (held == top.length && !before(entry, top[held - 1])) {
        continue;
      }
      int at = held == top.length ? held - 1 : held++;
      while (at > 0 && before(entry, top[at - 1])) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = entry;
    }
    return top;
  }

  private boolean before(int entry, int other) {
    if (bytes(entry) != bytes(other)) {
      return bytes(entry) > bytes(other);
    }
    if (packets(entry) != packets(other)) {
      return packets(entry) > packets(other);
    }
    return entry < other;
  }

  private void insert(long[] key, int hash, long byteCount) {
    if ((size + 1) * stride > entries.length) {
      grow();
    }
    int entry = size++;
    int at = entry * stride;
    System.arraycopy(key, 0, entries, at, width);
    entries[at + width] = 1;
    entries[at + width + 1] = byteCount;
    placeInTable(entry, hash);
  }

  /**
   * Takes the median byte count from every entry and drops those left with none, keeping the
   * others in their order (so ties still go to the key seen first), then rebuilds the table.
   */
  private void purge() {
    exact = false;
    if (counts.length < size) {
      counts = new long[cap];
    }
    for (int entry = 0; entry < size; entry++) {
      counts[entry] = entries[entry * stride + width + 1];
    }
    long median = kthSmallest(counts, size, size / 2);
    int kept = 0;
    for (int entry = 0; entry < size; entry++) {
      int from = entry * stride;
      if (entries[from + width + 1] > median) {
        System.arraycopy(entries, from, entries, kept * stride, stride);
        entries[kept * stride + width + 1] -= median;
        kept++;
      }
    }
    size = kept;
    offset += median;
    Arrays.fill(slots, 0);
    for (int entry = 0; entry < size; entry++) {
      placeInTable(entry, hash(entries, entry * stride));
    }
  }

  private boolean holds(int at, long[] key) {
    for (int i = 0; i < width; i++) {
      if (entries[at + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int capacity = (int) Math.min(cap, 2L * entries.length / stride);
    entries = Arrays.copyOf(entries, capacity * stride);
    long[] old = slots;
    slots = new long[tableSize(capacity)];
    for (long slot : old) {
      if (slot != 0) {
        placeInTable((int) slot - 1, (int) (slot >>> 32));
      }
    }
  }

  private void placeInTable(int entry, int hash) {
    int mask = slots.length - 1;
    int slot = hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = (long) hash << 32 | (entry + 1);
  }

  private int hash(long[] words, int from) {
    long hash = 0;
    for (int i = 0; i < width; i++) {
      hash ^= words[from + i] * 0x87C37B91114253D5L;
      hash = Long.rotateLeft(hash, 31) * 0x4CF5AD432745937FL;
    }
    // MurmurHash3's finaliser: linear probing uses the low bits, so every input bit must reach them.
    hash ^= hash >>> 33;
    hash *= 0xFF51AFD7ED558CCDL;
    hash ^= hash >>> 33;
    return (int) hash;
  }

  /**
   * The {@code k}-th smallest (from 0) of {@code values[0, length)}, which it reorders: Hoare's
   * quickselect, linear on average, with the middle element as pivot so sorted counts are no
   * worst case.
   */
  private static long kthSmallest(long[] values, int length, int k) {
    int low = 0;
    int high = length - 1;
    while (low < high) {
      long pivot = values[(low + high) >>> 1];
      int i = low;
      int j = high;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long swap = values[i];
          values[i++] = values[j];
          values[j--] = swap;
        }
      }
      if (k <= j) {
        high = j;
      } else if (k >= i) {
        low = i;
      } else {
        return values[k];
      }
    }
    return values[k];
  }

  /** A power of two at least twice the entries, so that probe runs stay short. */
  private static int tableSize(int entries) {
    return Integer.highestOneBit(Math.max(2, entries) * 2 - 1) * 2;
  }
}
