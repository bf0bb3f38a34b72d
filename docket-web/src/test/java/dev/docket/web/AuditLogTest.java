package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log: one JSON line per login failure, submission and download, saying who, where, which route and how it went. */
class AuditLogTest {
  @TempDir Path directory;

  @Test
  void eachLoginFailureSubmissionAndDownloadIsOneLine() throws Exception {
    Path audit = directory.resolve("audit.log");
    Path store = TestStore.write(directory.resolve("store"), 5, 3, 50);
    try (ServerFixture server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings.withAuditLog(audit))) {
      HttpResponse<String> refused = server.send(server.request("api/v1/jobs", "alice").setHeader("Authorization", ServerFixture.basic("alice", "guess")).build());
      assertThat(refused.statusCode()).isEqualTo(401);
      String id = server.submit(TestStore.QUERY, "alice");
      assertThat(server.submit(TestStore.QUERY, "alice")).isEqualTo(id);
      server.awaitEnd(id);
      HttpResponse<byte[]> whole = server.bytes(server.request("api/v1/jobs/" + id + "/pcap", "alice").build());
      assertThat(whole.statusCode()).isEqualTo(200);
      HttpResponse<byte[]> part = server.bytes(server.request("results/" + id + "/merged.pcap", "alice").header("Range", "bytes=0-23").build());
      assertThat(part.statusCode()).isEqualTo(206);
      // Reading the job and listing are not audited: only the events the log is for.
      assertThat(server.get("api/v1/jobs/" + id, "alice").statusCode()).isEqualTo(200);

      List<Map<String, Object>> lines = new ArrayList<>();
      for (String line : Files.readAllLines(audit)) {
        lines.add(ServerFixture.json(line));
      }
      assertThat(lines).hasSize(5);
      assertThat(lines).allSatisfy(line -> assertThat(line).containsKeys("time", "event", "user", "client", "route", "outcome").containsEntry("client", "127.0.0.1"));

      assertThat(lines.get(0)).containsEntry("event", "login-failed").containsEntry("user", "alice").containsEntry("route", "GET /api/v1/jobs")
          .containsEntry("outcome", "refused").doesNotContainValue("guess");
      assertThat(lines.get(1)).containsEntry("event", "query").containsEntry("route", "POST /api/v1/jobs").containsEntry("outcome", "created")
          .containsEntry("job", id).containsEntry("sources", List.of("store"));
      assertThat((String) lines.get(1).get("query")).contains("tcp");
      assertThat(lines.get(2)).containsEntry("event", "query").containsEntry("outcome", "existing").containsEntry("job", id);
      long size = whole.body().length;
      assertThat(lines.get(3)).containsEntry("event", "download").containsEntry("route", "GET /api/v1/jobs/" + id + "/pcap")
          .containsEntry("outcome", "sent").containsEntry("job", id);
      assertThat(((Number) lines.get(3).get("bytes")).longValue()).isEqualTo(size);
      assertThat(lines.get(4)).containsEntry("event", "download").containsEntry("route", "GET /results/" + id + "/merged.pcap").containsEntry("outcome", "range");
      assertThat(((Number) lines.get(4).get("bytes")).longValue()).isEqualTo(24);
      assertThat(Files.readString(audit)).doesNotContain("alice-password");
    }
  }
}
