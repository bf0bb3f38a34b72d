package dev.docket.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a person watches one of the process's standard streams, for progress bars and refusals. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether standard error is a terminal. Where Linux tells (/proc/self/fd/2), that alone decides:
   * {@link System#console()} cannot, since Java 17 gives a console only when standard input and
   * output are terminals too, and {@code docket query ... | tcpdump -r -} still has a person
   * watching standard error. Without /proc, the console is the best evidence there is.
   */
  static boolean standardErrorIsTerminal() {
    return isTerminal(2);
  }

  /** Whether standard output is a terminal, where a capture must not go. */
  static boolean standardOutputIsTerminal() {
    return isTerminal(1);
  }

  private static boolean isTerminal(int descriptor) {
    try {
      return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString());
    } catch (IOException | UnsupportedOperationException unknown) {
      return System.console() != null;
    }
  }

  /** Whether {@code target}, what a /proc/self/fd link points to, is a terminal device rather than a file or pipe. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }
}
