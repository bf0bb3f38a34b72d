package dev.docket.store;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedSet;
import dev.docket.query.TimeWindow;
import java.time.Instant;

/**
 * What the catalog knows of one file: enough to decide without opening it whether a query needs it,
 * and to go on from where cataloging stopped when it grows.
 *
 * @param path the file's path below its store directory, with '/' between names
 * @param size the file's size in bytes when cataloged
 * @param modified its modification time then; with {@code size}, how a change is noticed
 * @param end the offset just past the last complete record read (of the uncompressed capture, for
 *     {@link FileKind#GZIP}): queries read no further, so a record appended meanwhile is not half read
 * @param packets how many packets lie before {@code end}
 * @param earliestNanos the smallest packet timestamp, meaningful when {@code packets > 0}
 * @param latestNanos the largest packet timestamp, meaningful when {@code packets > 0}
 * @param linkTypes the link types of those packets
 * @param stop why reading stopped at {@code end}
 * @param reason for {@link ReadStop#PARTIAL} and {@link ReadStop#DAMAGED}, and for {@link
 *     FileKind#UNREADABLE}: what was wrong, as it reads after the file's name ({@code corrupt at
 *     byte N: truncated record}); otherwise empty
 */
record CatalogEntry(
    String path,
    FileKind kind,
    long size,
    Instant modified,
    long end,
    long packets,
    long earliestNanos,
    long latestNanos,
    ImmutableSortedSet<Integer> linkTypes,
    ReadStop stop,
    String reason) {
  CatalogEntry {
    requireNonNull(path, "path");
    requireNonNull(kind, "kind");
    requireNonNull(modified, "modified");
    requireNonNull(linkTypes, "linkTypes");
    requireNonNull(stop, "stop");
    requireNonNull(reason, "reason");
  }

  /** An entry for a file with no packets to tell of: empty, foreign or unreadable. */
  static CatalogEntry withoutPackets(String path, FileKind kind, long size, Instant modified, String reason) {
    return new CatalogEntry(path, kind, size, modified, 0, 0, 0, 0, ImmutableSortedSet.of(), ReadStop.END, reason);
  }

  /** Whether the file still looks as it did when cataloged. */
  boolean isCurrent(long size, Instant modified) {
    return this.size == size && this.modified.equals(modified);
  }

  /** Whether the catalog knows the file's time range; a file without one is always scanned. */
  boolean hasTimes() {
    return packets > 0;
  }

  /** Whether the file may hold a packet in {@code window}: false only when its times prove it cannot. */
  boolean mayOverlap(TimeWindow window) {
    if (!hasTimes()) {
      return true;
    }
    Instant after = window.after();
    Instant before = window.before();
    return (after == null || latestNanos >= TimeStamps.nanos(after))
        && (before == null || earliestNanos < TimeStamps.nanos(before));
  }

  /** Whether a query has anything to read in the file (or to report about it). */
  boolean isScanned() {
    return kind.isCapture() || kind == FileKind.UNREADABLE;
  }
}
