package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.query.QueryParser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The job routes over a real server, job service and generated store, called over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsApiTest {
  private Path directory;
  private Path store;
  private ServerFixture server;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    this.directory = directory;
    store = TestStore.write(directory.resolve("store"), 7, 3, 200);
    server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings.withBasePath("/app/docket/"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void aSubmittedJobRunsAndItsDownloadIsTheFrontDoorsCaptureByteForByte() throws Exception {
    HttpResponse<String> submitted = server.post("api/v1/jobs", "{\"query\": \"" + TestStore.QUERY + "\"}", "alice");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    Map<String, Object> job = ServerFixture.json(submitted.body());
    String id = (String) job.get("id");
    assertThat(job).containsEntry("user", "alice").containsEntry("existing", false);
    assertThat(submitted.headers().firstValue("Location")).hasValue("/app/docket/api/v1/jobs/" + id);
    server.awaitEnd(id);

    Map<String, Object> done = ServerFixture.json(server.get("api/v1/jobs/" + id, "alice").body());
    assertThat(done.get("state")).isEqualTo("done");
    assertThat(done.get("query")).isEqualTo("tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:02:30Z");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sources = (List<Map<String, Object>>) done.get("sources");
    assertThat(sources).singleElement().satisfies(source -> {
      assertThat(source).containsEntry("name", "store").containsEntry("state", "done");
      assertThat(((Number) source.get("packets-matched")).longValue()).isPositive();
    });
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) done.get("summary");
    assertThat(((Number) summary.get("packets")).longValue()).isEqualTo(((Number) sources.get(0).get("packets-matched")).longValue());

    HttpResponse<byte[]> pcap = server.bytes(server.request("api/v1/jobs/" + id + "/pcap", "alice").build());
    assertThat(pcap.statusCode()).isEqualTo(200);
    Path expected = directory.resolve("expected.pcap");
    Docket.builder().source(TestStore.open("store", store)).build()
        .run(new QueryParser(Clock.systemUTC()).parse(TestStore.QUERY), CaptureSink.toFile(expected));
    assertThat(pcap.body()).isEqualTo(Files.readAllBytes(expected));
    assertThat(((Number) summary.get("bytes")).longValue() + 24 + 16 * ((Number) summary.get("packets")).longValue()).isEqualTo(pcap.body().length);
    assertThat(pcap.headers().firstValue("Content-Type")).hasValue("application/vnd.tcpdump.pcap");
    assertThat(pcap.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"docket-20240603T090000Z-tcp.pcap\"");
  }

  @Test
  void theSameQueryAgainIsTheSameJobAnswered200() throws Exception {
    String body = "{\"query\": \"udp and after 2024-06-03T09:01:00Z\"}";
    HttpResponse<String> first = server.post("api/v1/jobs", body, "alice");
    HttpResponse<String> second = server.post("api/v1/jobs", body, "alice");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(ServerFixture.json(second.body())).containsEntry("existing", true).containsEntry("id", ServerFixture.json(first.body()).get("id"));
    HttpResponse<String> otherUser = server.post("api/v1/jobs", body, "bob");
    assertThat(otherUser.statusCode()).as("jobs are per user").isEqualTo(201);
  }

  @Test
  void docketsFieldsMakeTheSameJobAsTheQueryTheySpell() throws Exception {
    String fields = "{\"host\": \"10.1.0.10\", \"port\": [\"443\"], \"after\": \"2024-06-03T09:00:00Z\", \"before\": \"2024-06-03T09:01:00Z\"}";
    HttpResponse<String> byFields = server.post("api/v1/jobs", fields, "bob");
    assertThat(byFields.statusCode()).as(byFields.body()).isEqualTo(201);
    assertThat(ServerFixture.json(byFields.body()).get("query"))
        .isEqualTo("host 10.1.0.10 and port 443 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z");
    HttpResponse<String> byText = server.post("api/v1/jobs",
        "{\"query\": \"host 10.1.0.10 and port 443 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z\"}", "bob");
    assertThat(ServerFixture.json(byText.body())).containsEntry("existing", true);
  }

  @Test
  void aBadQueryIs400WithTheColumnOfTheError() throws Exception {
    HttpResponse<String> response = server.post("api/v1/jobs", "{\"query\": \"port 80 and host foo\"}", "alice");
    assertThat(response.statusCode()).isEqualTo(400);
    Map<String, Object> error = ServerFixture.json(response.body());
    assertThat(error).containsEntry("error", "bad query").containsEntry("column", 18);
    assertThat((String) error.get("detail")).contains("expected an IP address after 'host'");
  }

  @Test
  void badBodiesAreOneLineOfJsonEach() throws Exception {
    assertThat(error(server.post("api/v1/jobs", "{\"query\": \"tcp\", \"colour\": 1}", "alice"))).contains("unknown key 'colour'");
    assertThat(error(server.post("api/v1/jobs", "not json", "alice"))).contains("not valid JSON");
    assertThat(error(server.post("api/v1/jobs", "{\"query\": \"tcp\", \"sources\": [\"nowhere\"]}", "alice"))).contains("no source is named nowhere");
    assertThat(error(server.post("api/v1/jobs", "{\"query\": \"tcp\", \"max-packets\": -1}", "alice"))).contains("max-packets must be a positive");
    assertThat(error(server.post("api/v1/jobs", "{\"query\": \"tcp\", \"format\": \"zip\"}", "alice"))).contains("format 'zip'");
  }

  private static String error(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("\n").doesNotContain("Exception");
    return (String) ServerFixture.json(response.body()).get("detail");
  }

  @Test
  void anotherUsersJobIsNotFoundButAnAdminSeesIt() throws Exception {
    String id = server.submit("icmp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z", "alice");
    server.awaitEnd(id);
    for (String path : List.of("api/v1/jobs/" + id, "api/v1/jobs/" + id + "/pcap", "api/v1/jobs/" + id + "/events")) {
      HttpResponse<String> response = server.get(path, "bob");
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(ServerFixture.json(response.body())).containsEntry("error", "not found");
    }
    assertThat(server.delete("api/v1/jobs/" + id, "bob").statusCode()).isEqualTo(404);
    assertThat(server.jobs.job(id)).as("bob's delete did nothing").isPresent();
    assertThat(server.get("api/v1/jobs/" + id, "admin").statusCode()).isEqualTo(200);
    assertThat(server.get("api/v1/jobs", "bob").body()).doesNotContain(id);
    assertThat(server.get("api/v1/jobs", "admin").body()).contains(id);
  }

  @Test
  void theListIsNewestFirstAndFiltersByStateAndUserAPageAtATime() throws Exception {
    String older = server.submit("ip6 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:10Z", "bob");
    String newer = server.submit("ip6 and after 2024-06-03T09:00:10Z and before 2024-06-03T09:00:20Z", "bob");
    server.awaitEnd(older);
    server.awaitEnd(newer);
    Map<String, Object> page = ServerFixture.json(server.get("api/v1/jobs?state=done&limit=1", "bob").body());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) page.get("jobs");
    assertThat(jobs).singleElement().satisfies(job -> assertThat(job).containsEntry("id", newer));
    assertThat(((Number) page.get("total")).intValue()).isGreaterThanOrEqualTo(2);
    Map<String, Object> next = ServerFixture.json(server.get("api/v1/jobs?state=done&limit=1&offset=1", "bob").body());
    assertThat(next.get("jobs").toString()).contains(older);
    assertThat(server.get("api/v1/jobs?user=alice", "admin").body()).doesNotContain(newer);
    assertThat(server.get("api/v1/jobs?state=sleeping", "bob").statusCode()).isEqualTo(400);
  }

  @Test
  void deleteRemovesTheJobAndItsResult() throws Exception {
    String id = server.submit("tcp port 22 and after 2024-06-03T09:00:00Z", "alice");
    server.awaitEnd(id);
    Path result = server.jobs.result(id).orElseThrow();
    assertThat(server.delete("api/v1/jobs/" + id, "alice").statusCode()).isEqualTo(204);
    assertThat(server.get("api/v1/jobs/" + id, "alice").statusCode()).isEqualTo(404);
    assertThat(result).doesNotExist();
  }

  @Test
  void idsThatAreNotIdsAreNotFoundAndReachNoFile() throws Exception {
    Files.writeString(directory.resolve("secret"), "TOP-SECRET-CONTENT");
    for (String id : List.of("..", "..%2F..%2Fsecret", "%2e%2e%2fsecret", "0123456789abcdef0123456789ABCDEF", "..%2f..%2f..%2fetc%2fpasswd")) {
      for (String path : List.of("api/v1/jobs/" + id, "api/v1/jobs/" + id + "/pcap")) {
        HttpResponse<String> response = server.send(server.request(path, "admin").GET().build());
        assertThat(response.statusCode()).as(path).isIn(400, 404);
        assertThat(response.body()).as(path).doesNotContain("TOP-SECRET-CONTENT").doesNotContain("root:");
      }
    }
  }

  @Test
  void eventsFollowTheJobUntilItEnds() throws Exception {
    String id = server.submit("tcp port 80 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:03:00Z", "alice");
    HttpResponse<String> events = server.send(server.request("api/v1/jobs/" + id + "/events", "alice").header("Accept", "text/event-stream").GET().build());
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    List<String> data = events.body().lines().filter(line -> line.startsWith("data:")).toList();
    assertThat(data).isNotEmpty();
    assertThat(data.get(data.size() - 1)).contains("\"state\":\"done\"");
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() throws Exception {
    HttpResponse<String> missing = server.get("api/v1/nothing", "alice");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(ServerFixture.json(missing.body())).containsKeys("error", "detail");
    HttpResponse<String> wrongMethod = server.send(server.request("api/v1/jobs", "alice").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(ServerFixture.json(wrongMethod.body())).containsKeys("error", "detail");
  }
}
