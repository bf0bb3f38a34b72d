package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/jobs/{id}/cancel, the UI's Cancel button: stops a job, keeps its record, and only for its owner. */
class JobCancelTest {
  @Test
  void cancellingStopsTheJobButKeepsItsRecordAndOnlyItsOwnerMay(@TempDir Path directory) throws Exception {
    Path store = TestStore.write(directory.resolve("store"), 7, 3, 200);
    try (ServerFixture server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings)) {
      String id = server.submit(TestStore.QUERY, "alice");
      HttpRequest.Builder bobs = server.request("api/v1/jobs/" + id + "/cancel", "bob").POST(HttpRequest.BodyPublishers.noBody());
      assertThat(server.send(bobs.build()).statusCode()).as("another user's job is not there for him").isEqualTo(404);

      HttpResponse<String> cancelled = server.send(server.request("api/v1/jobs/" + id + "/cancel", "alice").POST(HttpRequest.BodyPublishers.noBody()).build());
      assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
      assertThat(ServerFixture.json(cancelled.body()).get("state")).isIn("cancelled", "done");
      assertThat(server.awaitEnd(id).state().wireName()).isIn("cancelled", "done");
      assertThat(server.get("api/v1/jobs/" + id, "alice").statusCode()).as("the record stays").isEqualTo(200);
    }
  }
}
