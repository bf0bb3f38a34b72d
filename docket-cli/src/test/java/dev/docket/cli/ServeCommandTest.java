package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.web.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** docket serve from its flags and a configuration file's server: part, and docket passwd. */
class ServeCommandTest {
  private static final Pattern RUNNING = Pattern.compile("Docket is running at (http://127\\.0\\.0\\.1:\\d+/\\S*)");

  @TempDir Path directory;
  private Path store;
  private final StringWriter out = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void generateAStore() {
    store = directory.resolve("store");
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "generate", "--packets", "3000", "--rate", "100", "--rotate", "10s", "-w", store + "/")).isZero();
  }

  private ServeCommand.Running serve(String... args) throws Exception {
    ServeCommand command = new ServeCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.parseArgs(args);
    return command.start();
  }

  private URI running() {
    Matcher matcher = RUNNING.matcher(out.toString());
    assertThat(matcher.find()).as(out.toString()).isTrue();
    return URI.create(matcher.group(1));
  }

  private int get(URI uri, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void theConfigFilesServerPartSetsBasePathUsersAndSpoolAndFlagsOverrideIt() throws Exception {
    UsersFile.setPassword(directory.resolve("users"), "alice", "alice-pw");
    Path config = directory.resolve("docket.yaml");
    Files.writeString(config, """
        server:
          port: 1
          base-path: /app/docket
          users: users
          spool: spool
        sources:
          - name: archive
            type: local
            path: store
        """);
    try (ServeCommand.Running running = serve("--config", config.toString(), "--port", "0")) {
      URI base = running();
      assertThat(base.getPath()).isEqualTo("/app/docket/");
      assertThat(get(base.resolve("api/v1/jobs"), "alice", "alice-pw")).isEqualTo(200);
      assertThat(get(base.resolve("api/v1/jobs"), null, null)).isEqualTo(401);
      assertThat(get(base.resolve("api/v1/jobs"), "alice", "wrong")).isEqualTo(401);
      assertThat(directory.resolve("spool/jobs")).isDirectory();
    }
  }

  @Test
  void theFirstStartCreatesAUsersFileWithAnAdminAndPrintsThePasswordOnce() throws Exception {
    Path users = directory.resolve("etc/users");
    try (ServeCommand.Running running = serve("--store", store.toString(), "--port", "0", "--spool", directory.resolve("spool").toString(), "--users", users.toString())) {
      Matcher password = Pattern.compile("with the user admin, password (\\S+) ").matcher(out.toString());
      assertThat(password.find()).as(out.toString()).isTrue();
      assertThat(get(running().resolve("api/v1/jobs"), "admin", password.group(1))).isEqualTo(200);
      assertThat(Files.readString(users)).startsWith("admin:$2y$");
    }
    out.getBuffer().setLength(0);
    try (ServeCommand.Running again = serve("--store", store.toString(), "--port", "0", "--spool", directory.resolve("spool").toString(), "--users", users.toString())) {
      assertThat(out.toString()).doesNotContain("password");
    }
  }

  @Test
  void plainHttpOnAnAddressOtherThanLoopbackIsRefused() {
    int exit = DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out), new PrintWriter(out),
        "serve", "--store", store.toString(), "--host", "0.0.0.0", "--port", "0", "--spool", directory.resolve("spool").toString());
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString()).contains("plain HTTP is served only on loopback");
  }

  @Test
  void passwdReadsThePasswordFromStandardInputWhenNotOnATerminal() throws Exception {
    Path users = directory.resolve("users");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("s3cret pass\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out), new PrintWriter(out), "passwd", "--file", users.toString(), "bob")).isZero();
    } finally {
      System.setIn(stdin);
    }
    String line = Files.readString(users).strip();
    assertThat(line).startsWith("bob:$2y$10$");
    assertThat(org.springframework.security.crypto.bcrypt.BCrypt.checkpw("s3cret pass", line.substring(4))).isTrue();
  }
}
