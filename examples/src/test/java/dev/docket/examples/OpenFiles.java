package dev.docket.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The file descriptors this JVM holds open on a file, as Linux lists them in /proc/self/fd. */
final class OpenFiles {
  private static final Path DESCRIPTORS = Path.of("/proc/self/fd");

  private OpenFiles() {}

  /** How many descriptors are open on {@code file}; skips the test where /proc is not there. */
  static long of(Path file) throws IOException {
    assumeTrue(Files.isDirectory(DESCRIPTORS), "needs Linux's /proc/self/fd");
    Path real = file.toRealPath();
    try (Stream<Path> descriptors = Files.list(DESCRIPTORS)) {
      return descriptors.filter(descriptor -> pointsAt(descriptor, real)).count();
    }
  }

  private static boolean pointsAt(Path descriptor, Path file) {
    try {
      return Files.readSymbolicLink(descriptor).equals(file);
    } catch (IOException | UnsupportedOperationException closedMeanwhile) {
      return false; // the listing's own descriptor, gone by now
    }
  }
}
