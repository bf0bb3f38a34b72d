package dev.docket.pcap;

/**
 * Bytes {@code [start, end)} of a file: one part of a capture to read when an index proved the rest
 * holds nothing wanted ({@link CaptureReader#open(java.nio.file.Path, java.util.List)}).
 */
public record ByteSpan(long start, long end) {
  public ByteSpan {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "a span of bytes [" + start + ", " + end + ") must start at 0 or later and hold at least one byte");
    }
  }

  /** From {@code start} to the file's end, however long the file is. */
  public static ByteSpan from(long start) {
    return new ByteSpan(start, Long.MAX_VALUE);
  }

  long length() {
    return end - start;
  }
}
