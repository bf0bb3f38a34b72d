package dev.docket.cli;

/**
 * A command that cannot go on, with the one line that says why and what to do, and the exit code
 * that tells a script which kind of failure it was ({@link ExitCodes}).
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1;

  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
