package dev.docket.summary;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Packets and bytes per key, for finding the keys with the most bytes in bounded memory: exact up
 * to a cap of distinct keys, then approximate by Space-Saving (Metwally, Agrawal and El Abbadi,
 * 2005).
 *
 * <p>A key is a fixed number of longs, so that a conversation or an address is counted without an
 * object per packet: the caller fills one reused array and {@link #add} copies it only for a key
 * not seen before. Entries sit in parallel arrays, found through an open-addressing table of entry
 * numbers (linear probing, at most half full).
 *
 * <p>Once the cap is reached, a new key takes over the entry with the fewest bytes and adds to its
 * counts (Space-Saving's rule): every byte count is then an upper bound, too high by at most the
 * least entry's bytes (no more than {@code 1/cap} of all), and any key with more than that share
 * is sure to be held. Packets, which are not what is ranked, inherit the same way and are only
 * estimates.
 * A min-heap of the entries by bytes, built only then, finds the least in logarithmic time.
 */
final class HeavyHitters {
  private static final int INITIAL_ENTRIES = 256;

  private final int width;
  private final int cap;
  private long[] keys;
  private long[] packets;
  private long[] bytes;
  private int[] hashes;
  private int size;
  /** Entry numbers plus one by hash; 0 is an empty slot. */
  private int[] slots;
  /** The entries, least bytes at the root: built when the cap is first reached. */
  private int @Nullable [] heap;
  private int[] heapPositions = new int[0];
  private boolean exact = true;

  HeavyHitters(int keyWidth, int cap) {
    checkArgument(keyWidth > 0, "key width %s", keyWidth);
    checkArgument(cap > 0, "cap %s", cap);
    this.width = keyWidth;
    this.cap = cap;
    int entries = Math.min(cap, INITIAL_ENTRIES);
    keys = new long[entries * keyWidth];
    packets = new long[entries];
    bytes = new long[entries];
    hashes = new int[entries];
    slots = new int[tableSize(entries)];
  }

  /** Counts one packet of {@code byteCount} bytes for the key in {@code key[0, width)}. */
  void add(long[] key, long byteCount) {
    int hash = hash(key);
    int mask = slots.length - 1;
    int slot = hash & mask;
    for (int entry; (entry = slots[slot] - 1) >= 0; slot = (slot + 1) & mask) {
      if (hashes[entry] == hash && holds(entry, key)) {
        packets[entry]++;
        bytes[entry] += byteCount;
        if (heap != null) {
          siftDown(heapPositions[entry]);
        }
        return;
      }
    }
    if (size < cap) {
      insert(key, hash, byteCount);
    } else {
      replaceLeast(key, hash, byteCount);
    }
  }

  /** Whether every count is exact: no key was ever evicted. */
  boolean exact() {
    return exact;
  }

  /** The entries held: every distinct key while exact, the cap after. */
  int size() {
    return size;
  }

  long key(int entry, int index) {
    return keys[entry * width + index];
  }

  long packets(int entry) {
    return packets[entry];
  }

  long bytes(int entry) {
    return bytes[entry];
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
    if (bytes[entry] != bytes[other]) {
      return bytes[entry] > bytes[other];
    }
    if (packets[entry] != packets[other]) {
      return packets[entry] > packets[other];
    }
    return entry < other;
  }

  private void insert(long[] key, int hash, long byteCount) {
    if (size == packets.length) {
      grow();
    }
    int entry = size++;
    System.arraycopy(key, 0, keys, entry * width, width);
    hashes[entry] = hash;
    packets[entry] = 1;
    bytes[entry] = byteCount;
    placeInTable(entry);
  }

  /** Space-Saving: the new key takes the least entry's place and adds to its counts. */
  private void replaceLeast(long[] key, int hash, long byteCount) {
    if (heap == null) {
      buildHeap();
    }
    exact = false;
    int entry = requireNonNull(heap)[0];
    removeFromTable(entry);
    System.arraycopy(key, 0, keys, entry * width, width);
    hashes[entry] = hash;
    packets[entry]++;
    bytes[entry] += byteCount;
    placeInTable(entry);
    siftDown(0);
  }

  private boolean holds(int entry, long[] key) {
    int start = entry * width;
    for (int i = 0; i < width; i++) {
      if (keys[start + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int entries = (int) Math.min(cap, 2L * packets.length);
    keys = Arrays.copyOf(keys, entries * width);
    packets = Arrays.copyOf(packets, entries);
    bytes = Arrays.copyOf(bytes, entries);
    hashes = Arrays.copyOf(hashes, entries);
    slots = new int[tableSize(entries)];
    for (int entry = 0; entry < size; entry++) {
      placeInTable(entry);
    }
  }

  private void placeInTable(int entry) {
    int mask = slots.length - 1;
    int slot = hashes[entry] & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = entry + 1;
  }

  /**
   * Empties the entry's slot and moves later entries of its probe run back into the gap (Knuth's
   * deletion for linear probing), so that no tombstones slow the lookups down.
   */
  private void removeFromTable(int entry) {
    int mask = slots.length - 1;
    int gap = hashes[entry] & mask;
    while (slots[gap] != entry + 1) {
      gap = (gap + 1) & mask;
    }
    for (int slot = (gap + 1) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      int home = hashes[slots[slot] - 1] & mask;
      // The entry may fill the gap when the gap lies on its probe path, from its home to its slot.
      if (((slot - home) & mask) >= ((slot - gap) & mask)) {
        slots[gap] = slots[slot];
        gap = slot;
      }
    }
    slots[gap] = 0;
  }

  private void buildHeap() {
    int[] entries = new int[size];
    heapPositions = new int[size];
    for (int i = 0; i < size; i++) {
      entries[i] = i;
      heapPositions[i] = i;
    }
    heap = entries;
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  /** Restores the heap below {@code position}, whose entry's bytes grew. */
  private void siftDown(int position) {
    int[] entries = requireNonNull(heap);
    int at = position;
    int entry = entries[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && bytes[entries[child + 1]] < bytes[entries[child]]) {
        child++;
      }
      if (bytes[entries[child]] >= bytes[entry]) {
        break;
      }
      entries[at] = entries[child];
      heapPositions[entries[at]] = at;
      at = child;
    }
    entries[at] = entry;
    heapPositions[entry] = at;
  }

  private int hash(long[] key) {
    long hash = 0;
    for (int i = 0; i < width; i++) {
      hash ^= key[i] * 0x87C37B91114253D5L;
      hash = Long.rotateLeft(hash, 31) * 0x4CF5AD432745937FL;
    }
    // MurmurHash3's finaliser: linear probing uses the low bits, so every input bit must reach them.
    hash ^= hash >>> 33;
    hash *= 0xFF51AFD7ED558CCDL;
    hash ^= hash >>> 33;
    return (int) hash;
  }

  /** A power of two at least twice the entries, so that probe runs stay short. */
  private static int tableSize(int entries) {
    return Integer.highestOneBit(Math.max(2, entries) * 2 - 1) * 2;
  }
}
