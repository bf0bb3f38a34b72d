package dev.docket.store;

import dev.docket.packet.PacketView;
import java.io.IOException;

/**
 * One file as {@link TimeOrderedScan} merges it: its matching packets in the file's order, read
 * either ahead on a pool ({@link FileScan}, the store) or on the merging thread itself ({@link
 * CaptureFileScan}, files named by the caller).
 */
interface ScannedFile {
  /** The file's place among the scan's inputs: it breaks ties in time, and numbers its interfaces. */
  int order();

  /** The earliest timestamp the file may hold, when it joins the merge; {@link Long#MIN_VALUE} if unknown. */
  long earliestNanos();

  /** May start reading ahead; the file will be merged soon. */
  void start();

  /** Moves to the file's next matching packet; false at its end or when the scan was cancelled. */
  boolean next() throws IOException;

  /** The current packet, valid until the next call to {@link #next()}. */
  PacketView packet();

  default long timestampNanos() {
    return packet().timestampNanos();
  }

  /** Whether {@link #park()} is possible: the file can let go of its reader and resume later. */
  default boolean canPark() {
    return false;
  }

  /**
   * Closes the file but remembers its current packet: {@link #resume()} opens it again on that
   * packet. How a scan keeps within its open-file limit when more files overlap in time.
   */
  default void park() {
    throw new UnsupportedOperationException("this file cannot be parked");
  }

  /** Opens a parked file again, on the packet it was parked at; false when that is no longer possible. */
  default boolean resume() throws IOException {
    throw new UnsupportedOperationException("this file cannot be parked");
  }

  /** Wakes a taker waiting for this file, after the scan was cancelled. */
  void wake();

  /** Releases the file's reader, if open; from any thread, once the scan was cancelled. */
  void closeReader();
}
