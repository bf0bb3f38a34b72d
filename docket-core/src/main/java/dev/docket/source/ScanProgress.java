package dev.docket.source;

/**
 * Receives a query's progress as a source makes it, from whichever thread does the work: files (or
 * other units) done out of the total, bytes read, packets matched. Implementations must be
 * thread-safe and cheap; the CLI draws a bar, jobs keep counters, the UI polls them.
 */
public interface ScanProgress {
  /** A progress that nobody watches. */
  ScanProgress NONE = new ScanProgress() {};

  /** The work is known: {@code units} files (or blocks) holding {@code bytes} bytes in all. */
  default void planned(int units, long bytes) {}

  /** {@code bytes} more were read. */
  default void read(long bytes) {}

  /**
   * {@code bytes} of those planned need not be read: an index proved they hold no match. With the
   * bytes read they make up the planned total.
   */
  default void skipped(long bytes) {}

  /** {@code packets} more matched. */
  default void matched(long packets) {}

  /** One more unit is done. */
  default void unitDone() {}

  /**
   * A unit was skipped or cut short (a damaged file, a file rotated away before it was read); the
   * query goes on with the rest. {@code message} is one line that names the unit and says why.
   */
  default void warning(String message) {}
}
