package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.ExternalTool;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Basic authentication on every route, against htpasswd files as Apache's tools and openssl write them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticationTest {
  /** Every route, with a method and a job id that exists: none may answer without a user. */
  private static final List<String[]> ROUTES = List.of(
      new String[] {"GET", "api/v1/jobs"},
      new String[] {"POST", "api/v1/jobs"},
      new String[] {"GET", "api/v1/jobs/ID"},
      new String[] {"DELETE", "api/v1/jobs/ID"},
      new String[] {"GET", "api/v1/jobs/ID/pcap"},
      new String[] {"GET", "api/v1/jobs/ID/events"},
      new String[] {"GET", "api/v1/stream?query=tcp"},
      new String[] {"POST", "api/v1/parse"},
      new String[] {"GET", "api/v1/estimate?query=tcp"},
      new String[] {"GET", "api/v1/sources"},
      new String[] {"POST", "api/"},
      new String[] {"GET", "api/uri/host/10.0.0.1/"},
      new String[] {"GET", "api/raw/tcp"},
      new String[] {"GET", "api/jobs/"},
      new String[] {"GET", "api/status/ID"},
      new String[] {"GET", "api/urls/"},
      new String[] {"GET", "api/ids/"},
      new String[] {"GET", "api/stats/"},
      new String[] {"GET", "results/ID/merged.pcap"},
      new String[] {"GET", ""},
      new String[] {"GET", "no/such/route"});

  private Path directory;
  private ServerFixture server;
  private String id;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    this.directory = directory;
    Path store = TestStore.write(directory.resolve("store"), 3, 1, 50);
    server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings);
    id = server.submit("tcp and after 2024-06-03T09:00:00Z", "alice");
    server.awaitEnd(id);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: its failed logins hold up this address for a minute
  void everyRouteAnswers401WithoutCredentialsAndWithWrongOnes() throws Exception {
    for (String[] route : ROUTES) {
      String path = route[1].replace("ID", id);
      for (String authorization : new String[] {null, ServerFixture.basic("alice", "wrong"), ServerFixture.basic("mallory", "alice-password"), "Bearer abc", "Basic !!!"}) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(route[0], HttpRequest.BodyPublishers.ofString("{\"query\": \"tcp\"}"));
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        HttpResponse<String> response = server.send(request.header("Content-Type", "application/json").build());
        assertThat(response.statusCode()).as(route[0] + " " + path + " with " + authorization).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
        assertThat(ServerFixture.json(response.body())).containsEntry("error", "unauthorized");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      }
    }
    assertThat(server.jobs.job(id)).as("no unauthenticated DELETE went through").isPresent();
  }

  @Test
  void securityHeadersAreOnEveryAnswer() throws Exception {
    HttpResponse<String> response = server.get("api/v1/jobs", "alice");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void htpasswdFilesOfApacheAndOpensslAreAccepted() throws Exception {
    Path htpasswd = ExternalTool.require("htpasswd", "apache2-utils");
    Path openssl = ExternalTool.require("openssl", "openssl");
    Path users = directory.resolve("apache-users");
    Command.run(htpasswd.toString(), "-c", "-b", "-B", users.toString(), "carol", "carol-bcrypt");
    Command.run(htpasswd.toString(), "-b", "-s", users.toString(), "dave", "dave-sha");
    Command.run(htpasswd.toString(), "-b", "-m", users.toString(), "erin", "erin-apr1");
    String apr1 = Command.run(openssl.toString(), "passwd", "-apr1", "frank-openssl").strip();
    Files.writeString(users, "frank:" + apr1 + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    assertThat(Files.readString(users)).contains("carol:$2y$", "dave:{SHA}", "erin:$apr1$", "frank:$apr1$");
    Htpasswd file = new Htpasswd(users);
    Authenticator authenticator = new Authenticator(file, java.time.Clock.systemUTC());
    for (Map.Entry<String, String> user : Map.of("carol", "carol-bcrypt", "dave", "dave-sha", "erin", "erin-apr1", "frank", "frank-openssl").entrySet()) {
      assertThat(authenticator.check(user.getKey(), user.getValue(), "client-" + user.getKey())).as(user.getKey()).isInstanceOf(Authenticator.Outcome.Accepted.class);
      assertThat(authenticator.check(user.getKey(), user.getValue() + "x", "client-" + user.getKey())).as(user.getKey()).isInstanceOf(Authenticator.Outcome.Rejected.class);
    }
  }

  @Test
  void aChangedUsersFileIsReadAgain() throws Exception {
    assertThat(server.send(server.request("api/v1/jobs", "alice").setHeader("Authorization", ServerFixture.basic("newcomer", "newcomer-pw")).build()).statusCode()).isEqualTo(401);
    UsersFile.setPassword(directory.resolve("users"), "newcomer", "newcomer-pw");
    long deadline = System.nanoTime() + 5_000_000_000L;
    int status;
    do {
      Thread.sleep(200);
      status = server.send(server.request("api/v1/jobs", "alice").setHeader("Authorization", ServerFixture.basic("newcomer", "newcomer-pw")).build()).statusCode();
    } while (status != 200 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(200);
  }

  @Test
  void aClientThatKeepsFailingIsRefusedForAWhile() {
    Authenticator authenticator = new Authenticator(file(), java.time.Clock.systemUTC());
    for (int i = 0; i < 5; i++) {
      assertThat(authenticator.check("alice", "guess-" + i, "10.9.9.9")).isInstanceOf(Authenticator.Outcome.Rejected.class);
    }
    assertThat(authenticator.check("alice", "guess-5", "10.9.9.9")).isInstanceOf(Authenticator.Outcome.Rejected.class);
    assertThat(authenticator.check("alice", "alice-password", "10.9.9.9")).as("even the right password waits").isInstanceOf(Authenticator.Outcome.Backoff.class);
    assertThat(authenticator.check("alice", "alice-password", "10.9.9.10")).as("another client is not held up").isInstanceOf(Authenticator.Outcome.Accepted.class);
  }

  private Htpasswd file() {
    try {
      return new Htpasswd(directory.resolve("users"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
