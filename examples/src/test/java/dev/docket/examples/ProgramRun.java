package dev.docket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An example's main method run as its users run it: a JVM of its own on the test's class path, so
 * that its exit code and what it prints are what a test sees.
 *
 * @param exitCode the program's exit status
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record ProgramRun(int exitCode, String out, String err) {
  static ProgramRun of(Class<?> program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(program.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("example-out", ".txt");
    Path err = Files.createTempFile("example-err", ".txt");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      // Not a measure of speed: only a bound, so that a hung example fails the build instead of stalling it.
      boolean ended = process.waitFor(5, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended).as("%s ended", program.getSimpleName()).isTrue();
      return new ProgramRun(
          process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The lines printed on standard output. */
  List<String> outLines() {
    return out.lines().toList();
  }

  /** The lines printed on standard error. */
  List<String> errLines() {
    return err.lines().toList();
  }
}
