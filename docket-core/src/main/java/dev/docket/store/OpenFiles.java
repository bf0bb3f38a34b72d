package dev.docket.store;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The files a {@link TimeOrderedScan} is merging, as a binary min-heap by (next packet's timestamp,
 * file order), each file's key kept beside it so a comparison reads two arrays and calls nothing.
 * The root is the merge's next packet; the scan moves it on and {@linkplain #rootMoved sifts it down
 * once} per packet, as {@link dev.docket.merge.MergeStream} does, instead of a poll and an add.
 */
final class OpenFiles {
  private @Nullable ScannedFile[] files = new @Nullable ScannedFile[8];
  private long[] nanos = new long[8];
  private int[] orders = new int[8];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The file whose next packet comes first; only when not {@linkplain #isEmpty empty}. */
  ScannedFile root() {
    return requireNonNull(files[0]);
  }

  long rootNanos() {
    return nanos[0];
  }

  int rootOrder() {
    return orders[0];
  }

  /** Adds a file positioned on a packet. */
  void add(ScannedFile file) {
    if (size == files.length) {
      files = Arrays.copyOf(files, 2 * size);
      nanos = Arrays.copyOf(nanos, 2 * size);
      orders = Arrays.copyOf(orders, 2 * size);
    }
    siftUp(size++, file, file.timestampNanos(), file.order());
  }

  /** The root file moved on to its next packet: it sinks to its place. */
  void rootMoved() {
    ScannedFile root = requireNonNull(files[0]);
    siftDown(0, root, root.timestampNanos(), root.order());
  }

  /** The root file ended: the last leaf takes its place. */
  void removeRoot() {
    removeAt(0);
  }

  /**
   * Removes and returns the file that can be parked whose next packet comes last, or null when no
   * open file can be parked. A scan over its open-file limit does this; a linear search, as the
   * heap keeps no order among its leaves.
   */
  @Nullable ScannedFile removeLeastUrgentParkable() {
    int last = -1;
    for (int slot = 0; slot < size; slot++) {
      if (requireNonNull(files[slot]).canPark() && (last < 0 || before(last, slot))) {
        last = slot;
      }
    }
    if (last < 0) {
      return null;
    }
    ScannedFile file = requireNonNull(files[last]);
    removeAt(last);
    return file;
  }

  private void removeAt(int slot) {
    int end = --size;
    ScannedFile moved = requireNonNull(files[end]);
    long movedNanos = nanos[end];
    int movedOrder = orders[end];
    files[end] = null;
    if (slot == end) {
      return;
    }
    // The last leaf fills the hole: it may belong above it (a hole off the root's path) or below.
    if (slot > 0 && isBefore(movedNanos, movedOrder, nanos[(slot - 1) >>> 1], orders[(slot - 1) >>> 1])) {
      siftUp(slot, moved, movedNanos, movedOrder);
    } else {
      siftDown(slot, moved, movedNanos, movedOrder);
    }
  }

  private void siftUp(int child, ScannedFile file, long key, int order) {
    while (child > 0) {
      int parent = (child - 1) >>> 1;
      if (!isBefore(key, order, nanos[parent], orders[parent])) {
        break;
      }
      put(child, files[parent], nanos[parent], orders[parent]);
      child = parent;
    }
    put(child, file, key, order);
  }

  private void siftDown(int parent, ScannedFile file, long key, int order) {
    while (true) {
      int child = 2 * parent + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(child + 1, child)) {
        child++;
      }
      if (!isBefore(nanos[child], orders[child], key, order)) {
        break;
      }
      put(parent, files[child], nanos[child], orders[child]);
      parent = child;
    }
    put(parent, file, key, order);
  }

  private void put(int slot, @Nullable ScannedFile file, long key, int order) {
    files[slot] = file;
    nanos[slot] = key;
    orders[slot] = order;
  }

  private boolean before(int slot, int other) {
    return isBefore(nanos[slot], orders[slot], nanos[other], orders[other]);
  }

  static boolean isBefore(long nanos, int order, long otherNanos, int otherOrder) {
    return nanos < otherNanos || (nanos == otherNanos && order < otherOrder);
  }
}
