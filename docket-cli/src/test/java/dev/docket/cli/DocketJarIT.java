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
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as the ./docket launcher runs it: its own JVM, real exit codes and streams. */
class DocketJarIT {
  private record Run(int exit, String out, String err) {}

  private static Run docket(String... args) throws IOException, InterruptedException {
    return java(List.of(), args);
  }

  /** The jar run with JVM options {@code jvm} before {@code -jar}. */
  private static Run java(List<String> jvm, String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("docket.jar", "target/docket.jar"));
    assertThat(jar).exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString()));
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
    // Neither Docket's language nor tcpdump's (QueryReader): one line with both readings' words.
    assertThat(run.err()).isEqualTo("docket: error at column 18: expected a primitive such as 'host 10.0.0.1', found end of query; "
        + "as a tcpdump filter, libpcap says: can't parse filter expression: syntax error\n");
  }

  @Test
  void anUnknownOptionIsAUsageError() throws Exception {
    Run run = docket("parse", "--frobnicate", "tcp");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("docket: Unknown option: '--frobnicate'").doesNotContain("\tat ");
  }

  @Test
  void runningOutOfMemoryIsOneLineThatSaysWhatToRaiseAndExitOne(@TempDir Path scratch) throws Exception {
    Path capture = scratch.resolve("in.pcap");
    assertThat(docket("generate", "--packets", "100", "-w", capture.toString()).exit()).isZero();
    // Too little direct memory for the output's write-behind buffers.
    Run run = java(List.of("-XX:MaxDirectMemorySize=64k"), "filter", "tcp", "-w", scratch.resolve("out.pcap").toString(), capture.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(
        "docket: out of direct buffer memory; give Java more with DOCKET_JAVA_OPTS=-XX:MaxDirectMemorySize=1g, "
            + "or read fewer inputs at once\n");
    assertThat(scratch.resolve("out.pcap")).doesNotExist();
  }

  @Test
  void aCaptureIsNotWrittenToATerminalEvenWhenStandardInputIsNotOne(@TempDir Path scratch) throws Exception {
    Path capture = scratch.resolve("in.pcap");
    assertThat(docket("generate", "--packets", "100", "-w", capture.toString()).exit()).isZero();
    // script(1) gives the command a terminal; standard input is /dev/null, so Java 17 sees no console.
    String script = dev.docket.testing.ExternalTool.require("script", "util-linux").toString();
    Path jar = Path.of(System.getProperty("docket.jar", "target/docket.jar")).toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = scratch.resolve("typescript");
    Process process = new ProcessBuilder(script, "-qec", "'" + java + "' -jar '" + jar + "' filter tcp '" + capture + "' < /dev/null", log.toString())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(scratch.resolve("out").toFile())
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String seen = Files.readString(scratch.resolve("out"), StandardCharsets.ISO_8859_1);
    assertThat(process.exitValue()).as(seen).isEqualTo(2);
    assertThat(seen).contains("docket: refusing to write a binary capture to the terminal").doesNotContain("\u00d4\u00c3\u00b2\u00a1");
  }

  @Test
  void helpComesFromPicocli() throws Exception {
    Run run = docket("parse", "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: docket parse").contains("--bpf").contains("Exit codes:");
  }
}
