package dev.docket.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.OptionalLong;

/**
 * Where a record of a classic pcap file probably starts, at or after some offset: how a big file is
 * cut in two to be read by two threads at once. Classic pcap has no sync marks, so this looks for a
 * run of {@link #CHAIN} records whose headers are all plausible (a time after 1970 with a valid
 * fraction of a second, times close together, a captured length above zero and no longer than the
 * original or any link type's limit), each starting where the one before ends. Zeros are not a
 * record: payloads padded with them would look like a run of empty records. It is a guess: the
 * reader of the front part confirms it by ending a record exactly there, or else reads on itself
 * ({@link TailScan}).
 */
final class RecordBoundary {
  /** How many records in a row must look right. */
  static final int CHAIN = 16;

  /** How far past the offset to look, and so how much is read to look. */
  private static final int SEARCH_BYTES = 1 << 20;

  private static final int RECORD_HEADER = 16;
  private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
  private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
  /** Twice libpcap's largest captured length for any link type (128 MiB): a longer one is no record. */
  private static final int LARGEST_RECORD = 256 * 1024 * 1024;
  /** Seconds two records in a row may lie apart and still look like one capture. */
  private static final long MAX_GAP_SECONDS = 7 * 24 * 3600;

  private RecordBoundary() {}

  /**
   * The first offset at or after {@code from} where {@link #CHAIN} plausible records follow one
   * another, within the file's first {@code size} bytes; empty when the file is not a standard
   * (version 2.4) classic pcap file or no such offset lies within reach.
   */
  static OptionalLong find(FileChannel channel, long size, long from) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(FileSurvey.PCAP_HEADER_SIZE);
    readFully(channel, header, 0);
    if (header.hasRemaining()) {
      return OptionalLong.empty();
    }
    header.order(ByteOrder.LITTLE_ENDIAN);
    int magic = header.getInt(0);
    if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
      header.order(ByteOrder.BIG_ENDIAN);
      magic = header.getInt(0);
    }
    if ((magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS)
        || header.getShort(4) != 2
        || header.getShort(6) != 4) {
      return OptionalLong.empty(); // older versions swap the lengths; modified pcap has longer headers
    }
    long unitsPerSecond = magic == MAGIC_NANOSECONDS ? 1_000_000_000L : 1_000_000L;
    long start = Math.max(from, FileSurvey.PCAP_HEADER_SIZE);
    ByteBuffer window = ByteBuffer.allocate((int) Math.min(SEARCH_BYTES, Math.max(0, size - start)));
    readFully(channel, window, start);
    window.flip().order(header.order());
    for (int candidate = 0; candidate + RECORD_HEADER <= window.limit(); candidate++) {
      if (chainAt(window, candidate, unitsPerSecond)) {
        return OptionalLong.of(start + candidate);
      }
    }
    return OptionalLong.empty();
  }

  private static boolean chainAt(ByteBuffer window, int at, long unitsPerSecond) {
    long previousSeconds = -1;
    for (int record = 0; record < CHAIN; record++) {
      if (at + RECORD_HEADER > window.limit()) {
        return false;
      }
      long seconds = Integer.toUnsignedLong(window.getInt(at));
      long fraction = Integer.toUnsignedLong(window.getInt(at + 4));
      long captured = Integer.toUnsignedLong(window.getInt(at + 8));
      long original = Integer.toUnsignedLong(window.getInt(at + 12));
      if (seconds == 0
          || fraction >= unitsPerSecond
          || captured == 0
          || captured > LARGEST_RECORD
          || captured > original
          || (previousSeconds >= 0 && Math.abs(seconds - previousSeconds) > MAX_GAP_SECONDS)) {
        return false;
      }
      previousSeconds = seconds;
      at += RECORD_HEADER + (int) captured;
    }
    return true;
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
    while (into.hasRemaining()) {
      if (channel.read(into, position + into.position()) < 0) {
        return;
      }
    }
  }
}
