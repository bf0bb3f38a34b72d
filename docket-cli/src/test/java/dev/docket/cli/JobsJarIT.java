package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.web.UsersFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The packaged jar as a client of a real server (docket serve's own start, in this JVM): credentials
 * and the server from real environment variables, the result on real standard output, exit codes
 * of a real process.
 */
class JobsJarIT {
  private static final Pattern RUNNING = Pattern.compile("Docket is running at (\\S+)");

  @TempDir Path directory;

  private record Run(int exit, byte[] out, String err) {}

  private static Run docket(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("docket.jar", "target/docket.jar"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("docket-out", ".bin");
    Path err = Files.createTempFile("docket-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("DOCKET_"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }

  @Test
  void submitWritesTheResultToStandardOutputWithTheIdOnStandardErrorAndExitsByTheJobsEnd() throws Exception {
    Path store = directory.resolve("store");
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "generate", "--packets", "5000", "--rate", "100", "--rotate", "10s", "-w", store + "/")).isZero();
    Path users = directory.resolve("users");
    UsersFile.setPassword(users, "alice", "alice-password");
    StringWriter printed = new StringWriter();
    ServeCommand serve = new ServeCommand();
    CommandLine commandLine = new CommandLine(serve);
    commandLine.setOut(new PrintWriter(printed, true));
    commandLine.parseArgs("--store", store.toString(), "--port", "0", "--users", users.toString(), "--spool", directory.resolve("spool").toString());
    try (ServeCommand.Running running = serve.start()) {
      Matcher matcher = RUNNING.matcher(printed.toString());
      assertThat(matcher.find()).as(printed.toString()).isTrue();
      Map<String, String> alice = Map.of("DOCKET_SERVER", matcher.group(1), "DOCKET_USER", "alice", "DOCKET_PASSWORD", "alice-password",
          "HOME", directory.toString());

      Run run = docket(alice, "jobs", "submit", "-w", "-", "udp");
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.err()).matches("[0-9a-f]{32}\n");
      Path expected = directory.resolve("expected.pcap");
      assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
          "query", "--store", store.toString(), "-w", expected.toString(), "udp")).isZero();
      assertThat(run.out()).isEqualTo(Files.readAllBytes(expected));

      Run list = docket(alice, "jobs", "list");
      assertThat(list.exit()).isZero();
      assertThat(new String(list.out(), StandardCharsets.UTF_8)).contains(run.err().strip(), "done", "udp");

      Run refused = docket(Map.of("DOCKET_SERVER", matcher.group(1), "DOCKET_USER", "alice", "DOCKET_PASSWORD", "wrong", "HOME", directory.toString()),
          "jobs", "status", run.err().strip());
      assertThat(refused.exit()).isEqualTo(ExitCodes.AUTH_REFUSED);
      assertThat(refused.err()).startsWith("docket: the server at ").doesNotContain("\tat ");
      assertThat(refused.err().lines()).hasSize(1);
    }
  }
}
