package dev.docket.pcap;

import java.io.IOException;

/**
 * A capture file that cannot be read past a point: a damaged, truncated or foreign file. Its message
 * is one line meant for users: {@code NAME: corrupt at byte N: reason}.
 */
public final class CorruptCaptureException extends IOException {
  private final String sourceName;
  private final long byteOffset;
  private final String reason;

  public CorruptCaptureException(String sourceName, long byteOffset, String reason) {
    super(sourceName + ": corrupt at byte " + byteOffset + ": " + reason);
    this.sourceName = sourceName;
    this.byteOffset = byteOffset;
    this.reason = reason;
  }

  /** The file name, or the display name given for a stream (such as "stdin"). */
  public String sourceName() {
    return sourceName;
  }

  /** Where the damage starts: the offset of the first record that could not be read. */
  public long byteOffset() {
    return byteOffset;
  }

  public String reason() {
    return reason;
  }
}
