package dev.docket.source;

import java.io.IOException;

/**
 * A source that failed: the message is one line an analyst understands and starts with the source's
 * name ({@code sensor-2: TLS handshake failed: ...}); other sources' results are unaffected.
 */
public class SourceException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;

  public SourceException(String source, String message) {
    super(source + ": " + message);
    this.source = source;
  }

  public SourceException(String source, String message, Throwable cause) {
    super(source + ": " + message, cause);
    this.source = source;
  }

  /** The name of the source that failed. */
  public String source() {
    return source;
  }
}
