package dev.docket.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared capture corpus ({@code $DOCKET_SHARED/corpus}, see its README): real files read in
 * place, never copied. Missing, it skips the calling test, except in CI where it fails.
 */
public final class Corpus {
  private static final List<String> FOLDERS = List.of("tcpdump", "zeek");

  private Corpus() {}

  /** Every capture in the corpus, sorted by path. */
  public static List<Path> captures() {
    Path root = root();
    return FOLDERS.stream()
        .map(root::resolve)
        .flatMap(Corpus::list)
        .filter(Files::isRegularFile)
        .sorted()
        .collect(Collectors.toList());
  }

  private static Stream<Path> list(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.collect(Collectors.toList()).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    String shared = System.getenv("DOCKET_SHARED");
    Path root = Path.of(shared != null ? shared : "../shared", "corpus");
    if (FOLDERS.stream().allMatch(folder -> Files.isDirectory(root.resolve(folder)))) {
      return root;
    }
    String reason = "capture corpus not found at " + root.toAbsolutePath() + " (set DOCKET_SHARED)";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason + ", and CI=true requires it");
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }
}
