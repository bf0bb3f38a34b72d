package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.job.JobService;
import dev.docket.job.JobSettings;
import dev.docket.source.PacketSource;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import dev.docket.testing.ExternalTool;
import dev.docket.web.DocketServer;
import dev.docket.web.ServerSettings;
import dev.docket.web.UsersFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docket jobs over https to a server with its own certificate, which --cacert makes trusted. */
class JobsOverTlsTest {
  @TempDir Path directory;

  @Test
  void aServerWithItsOwnCertificateIsTrustedWithCacertAndRefusedWithout() throws Exception {
    String openssl = ExternalTool.require("openssl", "openssl").toString();
    Path key = directory.resolve("key.pem");
    Path certificate = directory.resolve("certificate.pem");
    run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", certificate.toString(),
        "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    Path store = directory.resolve("store");
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "generate", "--packets", "2000", "--rotate", "10s", "-w", store + "/")).isZero();
    Path users = directory.resolve("users");
    UsersFile.setPassword(users, "alice", "alice-password");
    List<PacketSource> sources = List.of(new LocalStore(new StoreOptions("archive", List.of(store), Optional.empty(), 2)));
    try (JobService jobs = JobService.open(JobSettings.in(directory.resolve("spool")), sources);
        DocketServer server = DocketServer.start(ServerSettings.of(users).withPort(0).withBasePath("/app/docket").withTls(new ServerSettings.Tls(certificate, key)), jobs, sources)) {
      assertThat(server.uri().getScheme()).isEqualTo("https");
      assertThat(server.uri().getPath()).isEqualTo("/app/docket/");
      // The base path as a person types it, without the last slash: the API is still found under it.
      String typed = server.uri().toString().replaceAll("/$", "");
      Map<String, String> alice = Map.of("DOCKET_SERVER", typed, "DOCKET_USER", "alice", "DOCKET_PASSWORD", "alice-password");

      Path result = directory.resolve("result.pcap");
      StringWriter err = new StringWriter();
      int exit = DocketCommand.execute(Clock.systemUTC(), Environment.of(alice, directory), new PrintWriter(new StringWriter(), true),
          new PrintWriter(err, true), "jobs", "submit", "--cacert", certificate.toString(), "-w", result.toString(), "tcp");
      assertThat(exit).as(err.toString()).isZero();
      assertThat(Files.size(result)).isGreaterThan(24);

      StringWriter refused = new StringWriter();
      exit = DocketCommand.execute(Clock.systemUTC(), Environment.of(alice, directory), new PrintWriter(new StringWriter(), true),
          new PrintWriter(refused, true), "jobs", "list");
      assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(refused.toString()).startsWith("docket: cannot connect securely to the server at " + server.uri())
          .endsWith("; if it has its own certificate authority, give its certificate with --cacert PEM\n");

      StringWriter notPem = new StringWriter();
      exit = DocketCommand.execute(Clock.systemUTC(), Environment.of(alice, directory), new PrintWriter(new StringWriter(), true),
          new PrintWriter(notPem, true), "jobs", "list", "--cacert", users.toString());
      assertThat(exit).isEqualTo(ExitCodes.USAGE);
      assertThat(notPem.toString()).startsWith("docket: --cacert " + users + ": ");
    }
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
