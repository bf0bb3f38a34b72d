package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.job.SharedControlledSource;
import dev.docket.query.QueryParser;
import dev.docket.source.PacketSource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's life over HTTP when it does not simply run: cancelled mid-run, a source failing, the server restarted. */
class JobLifecycleOverHttpTest {
  @TempDir Path directory;

  @Test
  void deletingARunningJobCancelsItAtTheSourceAndOnlyItsOwnerMay() throws Exception {
    SharedControlledSource held = new SharedControlledSource("held", store("held", 21));
    held.hold();
    try (ServerFixture server = ServerFixture.start(directory, List.of(held.source()), settings -> settings)) {
      String id = server.submit(TestStore.QUERY, "alice");
      awaitState(server, id, "running");
      assertThat(held.open()).isEqualTo(1);

      assertThat(server.delete("api/v1/jobs/" + id, "bob").statusCode()).isEqualTo(404);
      assertThat(state(server, id)).isEqualTo("running");

      assertThat(server.delete("api/v1/jobs/" + id, "alice").statusCode()).isEqualTo(204);
      assertThat(server.get("api/v1/jobs/" + id, "alice").statusCode()).isEqualTo(404);
      assertThat(server.get("api/v1/jobs/" + id + "/pcap", "alice").statusCode()).isEqualTo(404);
      // The held answer was closed by the cancel, not left waiting for a packet nobody wants.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (held.open() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(held.open()).isZero();
    }
  }

  @Test
  void aFailingSourceGivesAPartialResultWithTheOthersPacketsAndSaysWhy() throws Exception {
    PacketSource good = store("good", 22);
    SharedControlledSource broken = new SharedControlledSource("broken", store("broken", 23));
    broken.failWith("sensor-7 refused the connection");
    try (ServerFixture server = ServerFixture.start(directory, List.of(good, broken.source()), settings -> settings)) {
      String id = server.submit(TestStore.QUERY, "alice");
      server.awaitEnd(id);
      Map<String, Object> job = ServerFixture.json(server.get("api/v1/jobs/" + id, "alice").body());
      assertThat(job).containsEntry("state", "partial");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> sources = (List<Map<String, Object>>) job.get("sources");
      assertThat(sources).anySatisfy(source -> assertThat(source).containsEntry("name", "good").containsEntry("state", "done"));
      assertThat(sources).anySatisfy(source -> {
        assertThat(source).containsEntry("name", "broken").containsEntry("state", "failed");
        assertThat((String) source.get("error")).contains("sensor-7 refused the connection");
      });

      HttpResponse<byte[]> pcap = server.bytes(server.request("api/v1/jobs/" + id + "/pcap", "alice").build());
      assertThat(pcap.statusCode()).isEqualTo(200);
      Path expected = directory.resolve("expected.pcap");
      QueryResult front = Docket.builder().sources(List.of(good, broken.source())).build()
          .run(new QueryParser(Clock.systemUTC()).parse(TestStore.QUERY), CaptureSink.toFile(expected));
      assertThat(front.status()).isEqualTo(QueryResult.Status.PARTIAL);
      assertThat(pcap.body()).isEqualTo(Files.readAllBytes(expected));
    }
  }

  @Test
  void aNewServerOverTheSameSpoolListsTheJobsAndSaysWhichWereInterrupted() throws Exception {
    PacketSource done = store("done", 24);
    SharedControlledSource held = new SharedControlledSource("held", store("held", 25));
    held.hold();
    String finished;
    String interrupted;
    byte[] result;
    try (ServerFixture first = ServerFixture.start(directory, List.of(done, held.source()), settings -> settings)) {
      finished = first.post("api/v1/jobs", "{\"query\": \"" + TestStore.QUERY + "\", \"sources\": [\"done\"]}", "alice").headers()
          .firstValue("Location").map(location -> location.substring(location.lastIndexOf('/') + 1)).orElseThrow();
      first.awaitEnd(finished);
      result = first.bytes(first.request("api/v1/jobs/" + finished + "/pcap", "alice").build()).body();
      interrupted = first.post("api/v1/jobs", "{\"query\": \"" + TestStore.QUERY + "\", \"sources\": [\"held\"]}", "alice").headers()
          .firstValue("Location").map(location -> location.substring(location.lastIndexOf('/') + 1)).orElseThrow();
      awaitState(first, interrupted, "running");
    }

    held.release();
    try (ServerFixture second = ServerFixture.start(directory, List.of(done, held.source()), settings -> settings)) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> listed = (List<Map<String, Object>>) ServerFixture.json(second.get("api/v1/jobs", "alice").body()).get("jobs");
      assertThat(listed).extracting(job -> job.get("id")).containsExactly(interrupted, finished);
      assertThat(listed.get(0)).containsEntry("state", "failed");
      assertThat((String) listed.get(0).get("reason")).contains("interrupted");
      assertThat(listed.get(1)).containsEntry("state", "done");
      assertThat(second.bytes(second.request("api/v1/jobs/" + finished + "/pcap", "alice").build()).body()).isEqualTo(result);
      assertThat(second.get("api/v1/jobs", "bob").body()).doesNotContain(finished, interrupted);
    }
  }

  private PacketSource store(String name, long seed) throws java.io.IOException {
    return TestStore.open(name, TestStore.write(directory.resolve(name), seed, 3, 100));
  }

  private static String state(ServerFixture server, String id) throws Exception {
    return (String) ServerFixture.json(server.get("api/v1/jobs/" + id, "alice").body()).get("state");
  }

  private static void awaitState(ServerFixture server, String id, String state) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!state(server, id).equals(state) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(state(server, id)).isEqualTo(state);
  }
}
