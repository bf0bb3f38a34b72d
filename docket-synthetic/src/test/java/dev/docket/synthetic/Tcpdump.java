package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tcpdump reading a capture file: the independent decoder the synthetic traffic answers to. */
final class Tcpdump {
  private final Path program;

  private Tcpdump(Path program) {
    this.program = program;
  }

  /** tcpdump, or the calling test skipped (failed under CI) when it is not installed. */
  static Tcpdump require() {
    return new Tcpdump(ExternalTool.require("tcpdump", "tcpdump"));
  }

  /**
   * The lines {@code tcpdump -nn -r capture <options> <filter>} prints; fails the test when tcpdump
   * exits with an error (a filter it rejects, a file it cannot read).
   */
  List<String> read(Path capture, List<String> options, String filter)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(program.toString(), "-nn", "-r", capture.toString()));
    command.addAll(options);
    command.add(filter);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tcpdump finished").isTrue();
    assertThat(process.exitValue()).as("tcpdump exit status for %s", command).isZero();
    return output.isEmpty() ? List.of() : List.of(output.split("\n"));
  }

  /** How many packets {@code filter} selects. */
  long count(Path capture, String filter) throws IOException, InterruptedException {
    return read(capture, List.of("-q"), filter).stream()
        .filter(line -> !line.startsWith(" ") && !line.startsWith("\t"))
        .count();
  }
}
