package dev.docket;

import java.io.IOException;

/**
 * The result could not be written: the disk is full, the reader of a pipe went away, or the output
 * format cannot hold a packet. The message is one line that names the output and, where there is
 * one, the way out. Nothing partial is left behind a file sink.
 */
public class OutputException extends IOException {
  private static final long serialVersionUID = 1L;

  OutputException(String message, Throwable cause) {
    super(message, cause);
  }

  OutputException(String message) {
    super(message);
  }

  /**
   * Whether the output was a pipe or stream whose reader went away ({@code | head}): nothing more is
   * wanted, which a command line treats as success.
   */
  public boolean readerWentAway() {
    for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains("Broken pipe")) {
        return true;
      }
    }
    return false;
  }
}
