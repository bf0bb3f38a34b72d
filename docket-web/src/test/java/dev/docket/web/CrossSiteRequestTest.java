package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-site request forgery over a real server under a base path: what a hostile page's browser
 * would send (its {@code Origin}, {@code Sec-Fetch-*}) is refused for every state-changing route,
 * while Docket's own pages and clients that are not browsers go on as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossSiteRequestTest {
  private static final String EVIL = "https://evil.example";
  private static final String JOB = "{\"query\": \"udp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:10Z\"}";
  private static final String KIBANA = "api/uri/host/10.1.0.10/after/2024-06-03T09:00:00Z/before/2024-06-03T09:00:20Z/";

  private ServerFixture server;
  private Path directory;
  private Path store;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    this.directory = directory;
    store = TestStore.write(directory.resolve("store"), 5, 1, 50);
    server = ServerFixture.start(directory.resolve("server"), List.of(TestStore.open("store", store)), settings -> settings.withBasePath("/app/docket"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String ownOrigin() {
    URI uri = server.uri("");
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  private HttpRequest.Builder submission(ServerFixture to, String user) {
    return to.request("api/v1/jobs", user).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JOB));
  }

  private static void assertRefused(HttpResponse<String> response, String detailMentions) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    Map<String, Object> json = ServerFixture.json(response.body());
    assertThat(json).containsEntry("error", "cross-site request refused");
    assertThat((String) json.get("detail")).contains(detailMentions);
  }

  @Test
  void aPostOrDeleteFromAnotherSitesPageIsRefusedAndChangesNothing() throws Exception {
    int before = server.jobs.jobs().size();
    // A browser from before Sec-Fetch-*: its Origin alone.
    assertRefused(server.send(submission(server, "alice").header("Origin", EVIL).build()), EVIL);
    // Today's browsers: both, or Sec-Fetch-Site where a privacy setting drops Origin.
    assertRefused(server.send(submission(server, "alice").header("Origin", EVIL).header("Sec-Fetch-Site", "cross-site").build()), EVIL);
    assertRefused(server.send(submission(server, "alice").header("Sec-Fetch-Site", "cross-site").build()), "another site");
    // A sibling host of the same site (kibana.example.org beside docket.example.org) is another origin too.
    assertRefused(server.send(submission(server, "alice").header("Origin", "https://kibana.example.org").header("Sec-Fetch-Site", "same-site").build()),
        "kibana.example.org");
    // A sandboxed frame or a data: page says Origin: null.
    assertRefused(server.send(submission(server, "alice").header("Origin", "null").build()), "null");
    // The original Docket's form, posted by a hostile page's <form>.
    assertRefused(server.send(server.request("api/", "alice").header("Content-Type", "application/x-www-form-urlencoded").header("Origin", EVIL)
        .POST(HttpRequest.BodyPublishers.ofString("host=10.1.0.10&after=2024-06-03T09:00:00Z")).build()), EVIL);
    assertThat(server.jobs.jobs()).as("no job was submitted").hasSize(before);

    String id = server.submit("tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:10Z", "alice");
    server.awaitEnd(id);
    assertRefused(server.send(server.request("api/v1/jobs/" + id, "alice").header("Origin", EVIL).DELETE().build()), EVIL);
    assertRefused(server.send(server.request("api/v1/jobs/" + id + "/cancel", "alice").header("Sec-Fetch-Site", "cross-site")
        .POST(HttpRequest.BodyPublishers.noBody()).build()), "another site");
    assertThat(server.jobs.job(id)).as("the job is still there").isPresent();
  }

  @Test
  void aForgedRequestIsRefusedBeforeAuthenticationSoItCostsNoPasswordCheck() throws Exception {
    HttpResponse<String> forged = server.send(HttpRequest.newBuilder(server.uri("api/v1/jobs")).header("Content-Type", "application/json")
        .header("Origin", EVIL).POST(HttpRequest.BodyPublishers.ofString(JOB)).build());
    assertRefused(forged, EVIL);
    assertThat(forged.headers().firstValue("X-Content-Type-Options")).as("the security headers are on the 403 too").hasValue("nosniff");
  }

  @Test
  void docketsOwnPagesAndClientsThatAreNotBrowsersAreAccepted() throws Exception {
    // The UI's fetch(): same origin, said both ways.
    HttpResponse<String> fromUi = server.send(submission(server, "alice").header("Origin", ownOrigin()).header("Sec-Fetch-Site", "same-origin").build());
    assertThat(fromUi.statusCode()).as(fromUi.body()).isIn(200, 201);
    // An older browser: its Origin is the server's own Host, under the base path or not.
    HttpResponse<String> oldBrowser = server.send(submission(server, "bob").header("Origin", ownOrigin()).build());
    assertThat(oldBrowser.statusCode()).as(oldBrowser.body()).isIn(200, 201);
    // curl, scripts, docket jobs: no Origin, no Sec-Fetch-*, no extra step.
    HttpResponse<String> script = server.send(submission(server, "admin").build());
    assertThat(script.statusCode()).as(script.body()).isIn(200, 201);
    HttpResponse<String> legacy = server.send(server.request("api/", "admin").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("host=10.1.0.10&after=2024-06-03T09:00:00Z&before=2024-06-03T09:00:05Z")).build());
    assertThat(legacy.statusCode()).as(legacy.body()).isIn(200, 201);
    // A typed or bookmarked request is not cross-site.
    HttpResponse<String> typed = server.send(submission(server, "admin").header("Sec-Fetch-Site", "none").build());
    assertThat(typed.statusCode()).as(typed.body()).isIn(200, 201);

    String id = (String) ServerFixture.json(fromUi.body()).get("id");
    server.awaitEnd(id);
    HttpResponse<String> deleted = server.send(server.request("api/v1/jobs/" + id, "alice").header("Origin", ownOrigin())
        .header("Sec-Fetch-Site", "same-origin").DELETE().build());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(server.jobs.job(id)).isEmpty();
  }

  @Test
  void anOriginListedAsTrustedIsAcceptedForAProxyThatRewritesTheHost() throws Exception {
    String proxied = "https://Docket.Example.org:443";
    assertRefused(server.send(submission(server, "alice").header("Origin", "https://docket.example.org").build()), "trusted-origins");
    try (ServerFixture behindProxy = ServerFixture.start(directory.resolve("proxied"), List.of(TestStore.open("store", store)),
        settings -> settings.withTrustedOrigins(Set.of(proxied)))) {
      HttpResponse<String> accepted = behindProxy.send(submission(behindProxy, "alice").header("Origin", "https://docket.example.org").build());
      assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 201);
      assertRefused(behindProxy.send(submission(behindProxy, "alice").header("Origin", EVIL).build()), EVIL);
    }
  }

  @Test
  void kibanasLinkFromAnotherSiteIsFollowedButTheSameUrlEmbeddedInAHostilePageIsRefused() throws Exception {
    HttpResponse<String> followed = server.send(server.request(KIBANA, "alice").header("Sec-Fetch-Site", "cross-site")
        .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document").header("Sec-Fetch-User", "?1").GET().build());
    assertThat(followed.statusCode()).as(followed.body()).isEqualTo(302);
    assertThat(followed.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).contains("/app/docket/"));
    int before = server.jobs.jobs().size();
    assertRefused(server.send(server.request(KIBANA.replace("10.1.0.10", "10.1.0.11"), "alice").header("Sec-Fetch-Site", "cross-site")
        .header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Dest", "image").GET().build()), "following a link");
    assertRefused(server.send(server.request(KIBANA.replace("10.1.0.10", "10.1.0.12"), "alice").header("Sec-Fetch-Site", "cross-site")
        .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "iframe").GET().build()), "following a link");
    assertRefused(server.send(server.request("api/raw/udp%20and%20after%202024-06-03T09:00:00Z", "alice").header("Sec-Fetch-Site", "cross-site")
        .header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty").GET().build()), "following a link");
    assertThat(server.jobs.jobs()).as("no job was submitted").hasSize(before);
    // Reading is never refused: the same-origin policy keeps another site from reading the answer.
    assertThat(server.send(server.request("api/v1/jobs", "alice").header("Sec-Fetch-Site", "cross-site").GET().build()).statusCode()).isEqualTo(200);
  }
}
