package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The original Docket's routes and the helpers (parse, estimate, sources), over a real server under a base path. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyAndHelperRoutesTest {
  private ServerFixture server;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    Path store = TestStore.write(directory.resolve("store"), 11, 2, 100);
    server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings.withBasePath("app/docket"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void docketsFormPostAnswersIdQueryAndUrlAndTheUrlDownloadsTheResult() throws Exception {
    HttpResponse<String> response = server.send(server.request("api/", "alice")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("host=&port=443&after=2024-06-03T09:00:00Z&before=2024-06-03T09:01:00%2B00:00&limit-packets=50"))
        .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    Map<String, Object> json = ServerFixture.json(response.body());
    String id = (String) json.get("id");
    assertThat(json).containsEntry("query", "port 443 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z")
        .containsEntry("url", "/app/docket/results/" + id + "/merged.pcap");
    assertThat(server.awaitEnd(id).maxPackets()).as("the original ignored limits; this one keeps them").isEqualTo(50);
    HttpResponse<byte[]> merged = server.bytes(server.request("results/" + id + "/merged.pcap", "alice").build());
    assertThat(merged.statusCode()).isEqualTo(200);
    assertThat(merged.body()).isEqualTo(Files.readAllBytes(server.jobs.result(id).orElseThrow()));
    assertThat(server.get("results/" + id + "/merged.pcap", "bob").statusCode()).isEqualTo(404);
  }

  @Test
  void kibanasUriSubmitsAndRedirectsToTheJobOrAnswersJsonWhenAskedFor() throws Exception {
    HttpResponse<String> redirect = server.get("api/uri/host/10.1.0.10/port/443/after/2024-06-03T09:00:00Z/before/2024-06-03T09:00:30Z/", "alice");
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/app/docket/api/v1/jobs/[0-9a-f]{32}");
    HttpResponse<String> json = server.send(server.request("api/uri/host/10.1.0.10/port/443/after/2024-06-03T09:00:00Z/before/2024-06-03T09:00:30Z/", "alice")
        .header("Accept", "application/json").GET().build());
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(location).endsWith((String) ServerFixture.json(json.body()).get("id"));
    assertThat(server.get("api/uri/host/not-an-address/", "alice").statusCode()).isEqualTo(400);
  }

  @Test
  void theOriginalsStatusViewsShowTheCallersJobs() throws Exception {
    HttpResponse<String> raw = server.send(server.request("api/raw/udp%20and%20after%202024-06-03T09:00:00Z", "bob").header("Accept", "application/json").GET().build());
    assertThat(raw.statusCode()).as(raw.body()).isEqualTo(201);
    String id = (String) ServerFixture.json(raw.body()).get("id");
    server.awaitEnd(id);
    assertThat(ServerFixture.json(server.get("api/status/" + id, "bob").body())).containsEntry(id, "done");
    assertThat(server.get("api/ids/", "bob").body()).contains(id);
    assertThat(server.get("api/ids/", "alice").body()).doesNotContain(id);
    assertThat(server.get("api/status/" + id, "alice").statusCode()).isEqualTo(404);
    assertThat(ServerFixture.json(server.get("api/urls/" + id, "bob").body())).containsEntry(id, "/app/docket/results/" + id + "/merged.pcap");
    assertThat(server.get("api/stats/", "bob").body()).contains("\"done\":");
    assertThat(server.get("api/jobs/" + id, "bob").body()).contains("\"state\":\"done\"");
  }

  @Test
  void parseGivesEveryFormOrTheErrorsColumn() throws Exception {
    Map<String, Object> parsed = ServerFixture.json(server.post("api/v1/parse", "{\"query\": \"src host 10.0.0.1 and port 53 and after 2026-11-27T10:00:00+01:00\"}", "alice").body());
    assertThat(parsed).containsEntry("canonical", "src host 10.0.0.1 and port 53 and after 2026-11-27T09:00:00Z")
        .containsEntry("stenographer", "host 10.0.0.1 and (port 53 or ip proto 132 or ip proto 51) and after 2026-11-27T09:00:00Z")
        .containsEntry("bpf", "ip src host 10.0.0.1 and port 53");
    assertThat(parsed.get("window").toString()).contains("2026-11-27T09:00:00Z");
    HttpResponse<String> bad = server.post("api/v1/parse", "{\"query\": \"after 2026-11-27T10:00:00\"}", "alice");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(ServerFixture.json(bad.body())).containsEntry("column", 7);
  }

  @Test
  void estimateAndSourcesSpeakOfTheStore() throws Exception {
    HttpResponse<String> estimate = server.get("api/v1/estimate?query=tcp%20and%20after%202024-06-03T09:00:00Z", "alice");
    assertThat(estimate.statusCode()).as(estimate.body()).isEqualTo(200);
    assertThat(estimate.body()).contains("\"name\":\"store\"").contains("\"known\":true");
    HttpResponse<String> sources = server.get("api/v1/sources", "alice");
    assertThat(sources.statusCode()).isEqualTo(200);
    assertThat(sources.body()).contains("\"name\":\"store\"").contains("\"healthy\":true");
  }
}
