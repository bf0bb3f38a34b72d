package dev.docket.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The last word when the JVM itself runs out of something (memory, stack) or a bug escapes, on any
 * thread: one line that says what to do, and exit 1. A user never sees a stack trace.
 */
final class LastResort implements Thread.UncaughtExceptionHandler {
  private final PrintStream err;

  LastResort(PrintStream err) {
    this.err = err;
  }

  /** One line for {@code failure}, starting with "docket: ". */
  static String describe(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (failure instanceof OutOfMemoryError) {
      if (message.toLowerCase(Locale.ROOT).contains("direct buffer memory")) {
        return "docket: out of direct buffer memory; give Java more with "
            + "DOCKET_JAVA_OPTS=-XX:MaxDirectMemorySize=1g, or read fewer inputs at once";
      }
      return "docket: out of memory (" + message + "); give Java more with DOCKET_JAVA_OPTS=-Xmx1g";
    }
    if (failure instanceof StackOverflowError) {
      return "docket: out of stack space (a query nested too deeply?); simplify it, or give Java more "
          + "with DOCKET_JAVA_OPTS=-Xss8m";
    }
    if (message.contains("Too many open files")) {
      return "docket: " + message + "; raise the limit of open files (ulimit -n) or give fewer inputs";
    }
    return "docket: failed unexpectedly (a bug; please report it): " + failure;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    err.println(describe(failure));
    err.flush();
    // Another thread's failure leaves the run without its part: stop now, and say so by the code.
    Runtime.getRuntime().halt(ExitCodes.FAILURE);
  }
}
