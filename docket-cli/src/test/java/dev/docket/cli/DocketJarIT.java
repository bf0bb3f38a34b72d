package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar, run as the ./docket launcher runs it: its own JVM, real exit codes and streams. */
class DocketJarIT {
  private record Run(int exit, String out, String err) {}

  private static Run docket(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("docket.jar", "target/docket.jar"));
    assertThat(jar).exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("docket-out", ".txt");
    Path err = Files.createTempFile("docket-err", ".txt");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }

  @Test
  void parsesAQuery() throws Exception {
    Run run = docket("parse", "--bpf", "src host 10.0.0.1 and tcp port 80");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("ip src host 10.0.0.1 and (tcp and port 80)\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aBadQueryExitsTwoWithOneLineAndNoStackTrace() throws Exception {
    Run run = docket("parse", "host 10.0.0.1 and");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("docket: error at column 18: expected a primitive such as 'host 10.0.0.1', found end of query\n");
  }

  @Test
  void anUnknownOptionIsAUsageError() throws Exception {
    Run run = docket("parse", "--frobnicate", "tcp");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("docket: Unknown option: '--frobnicate'").doesNotContain("\tat ");
  }

  @Test
  void helpComesFromPicocli() throws Exception {
    Run run = docket("parse", "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: docket parse").contains("--bpf").contains("Exit codes:");
  }
}
