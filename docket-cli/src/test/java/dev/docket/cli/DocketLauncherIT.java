package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./docket launcher over the packaged jar, on the JDK running the tests. Its class-data archive
 * is best effort, and a launcher that silently stopped recording one would only be slower: this
 * proves the first run records it and a later run loads Docket's classes from it.
 */
class DocketLauncherIT {
  @TempDir Path scratch;

  private static Path launcher() {
    return Path.of(System.getProperty("docket.launcher", "../docket"));
  }

  private static Path targetDirectory() {
    return Path.of(System.getProperty("docket.jar", "target/docket.jar")).toAbsolutePath().getParent();
  }

  private static List<Path> archives() throws IOException {
    List<Path> archives = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(targetDirectory(), "docket-*.jsa")) {
      found.forEach(archives::add);
    }
    return archives;
  }

  private String launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    Path out = scratch.resolve("out.txt");
    Path err = scratch.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
    // The jar is fresh: the launcher must not have started a build of its own.
    assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEmpty();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void theFirstRunRecordsAnArchiveThatLaterRunsLoadDocketFrom() throws Exception {
    for (Path stale : archives()) {
      Files.delete(stale);
    }

    String first = launch(Map.of(), "parse", "--bpf", "tcp port 80");

    assertThat(first).isEqualTo("tcp and port 80\n");
    assertThat(archives()).hasSize(1);
    Path log = scratch.resolve("classes.log");
    launch(Map.of("DOCKET_JAVA_OPTS", "-Xlog:class+load:file=" + log), "parse", "--bpf", "tcp port 80");
    assertThat(Files.readAllLines(log, StandardCharsets.UTF_8))
        .anyMatch(line -> line.contains(" dev.docket.cli.DocketCommand source: shared objects file"))
        .anyMatch(line -> line.contains(" dev.docket.query.") && line.contains("source: shared objects file"));
  }
}
