package dev.docket.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program a test compares Docket with (tcpdump, mergecap, ...). Missing, it skips the test
 * with the reason printed, except in CI ({@code CI=true}), where a missing tool fails the build:
 * a reference that silently does not run proves nothing.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /** The tool's path on {@code PATH}; skips or fails the calling test when it is not installed. */
  public static Path require(String name, String debianPackage) {
    Optional<Path> found = find(name);
    if (found.isPresent()) {
      return found.get();
    }
    String reason = name + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason + ", and CI=true requires it");
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/sbin"))
        .map(directory -> Path.of(directory, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
