package dev.docket.cli;

import dev.docket.QueryResult;

/** The exit codes of every command, in one place. */
final class ExitCodes {
  static final int DONE = 0;
  /** A failure: an input cannot be read, the output cannot be written; no output file is left. */
  static final int FAILURE = 1;
  /** A bad query, bad arguments or a bad configuration file. */
  static final int USAGE = 2;
  /** Done, but a source failed or an input was damaged: everything else was written. */
  static final int PARTIAL = 3;
  /** docket jobs: the server refused the credentials, or none were found to give it. */
  static final int AUTH_REFUSED = 4;
  /** docket jobs: the server cannot be reached (refused, no such host, a timeout, TLS it cannot trust). */
  static final int UNREACHABLE = 5;

  private ExitCodes() {}

  static int of(QueryResult.Status status) {
    return switch (status) {
      case COMPLETE -> DONE;
      case PARTIAL -> PARTIAL;
      case FAILED, CANCELLED -> FAILURE;
    };
  }
}
