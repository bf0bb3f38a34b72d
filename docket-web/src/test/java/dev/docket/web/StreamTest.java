package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.job.SharedControlledSource;
import dev.docket.query.QueryParser;
import dev.docket.store.LocalStore;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/stream}: a query's capture straight back, no job, cancelled when the client goes away. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamTest {
  private Path directory;
  private LocalStore east;
  private LocalStore west;
  private ServerFixture server;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    this.directory = directory;
    // Enough for tens of megabytes of answer: far more than the socket buffers hold.
    east = TestStore.open("east", TestStore.write(directory.resolve("east"), 11, 4, 2000));
    west = TestStore.open("west", TestStore.write(directory.resolve("west"), 12, 4, 2000));
    server = ServerFixture.start(directory, List.of(east, west), settings -> settings.withAuditLog(directory.resolve("audit.log")));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void theStreamIsTheFrontDoorsFileByteForByte() throws Exception {
    String query = "tcp port 80 and after 2024-06-03T09:00:30Z and before 2024-06-03T09:02:00Z";
    Path file = directory.resolve("front-door.pcap");
    QueryResult result = Docket.builder().sources(List.of(east, west)).build().run(new QueryParser(Clock.systemUTC()).parse(query), CaptureSink.toFile(file));
    assertThat(result.status()).isEqualTo(QueryResult.Status.COMPLETE);
    assertThat(result.packets()).isPositive();

    HttpResponse<byte[]> streamed = server.bytes(server.request("api/v1/stream?query=" + encode(query), "alice").build());
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.headers().firstValue("Content-Type")).hasValue("application/vnd.tcpdump.pcap");
    assertThat(streamed.body()).isEqualTo(Files.readAllBytes(file));

    HttpResponse<byte[]> onlyEast = server.bytes(server.request("api/v1/stream?sources=east&query=" + encode(query), "bob").build());
    Path eastFile = directory.resolve("east.pcap");
    Docket.builder().source(east).build().run(new QueryParser(Clock.systemUTC()).parse(query), CaptureSink.toFile(eastFile));
    assertThat(onlyEast.body()).isEqualTo(Files.readAllBytes(eastFile));
  }

  @Test
  void aBadQueryOrSourceIsOneLineOfJson() throws Exception {
    HttpResponse<String> bad = server.get("api/v1/stream?query=" + encode("host 10.0.0.999"), "alice");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(ServerFixture.json(bad.body())).containsKeys("error", "detail");
    HttpResponse<String> unknown = server.get("api/v1/stream?sources=north&query=tcp", "alice");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("north").doesNotContain("\n\tat ");
  }

  @Test
  void aStreamWhoseEverySourceFailsIsAnErrorNotAnEmptyCapture() throws Exception {
    SharedControlledSource broken = new SharedControlledSource("broken", west);
    broken.failWith("sensor-9 refused the connection");
    try (ServerFixture failing = ServerFixture.start(Files.createDirectories(directory.resolve("failing")), List.of(east, broken.source()),
        settings -> settings.withAuditLog(directory.resolve("failing-audit.log")))) {
      HttpResponse<String> response = failing.get("api/v1/stream?sources=broken&query=tcp", "alice");
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).doesNotContain("\n");
      assertThat(ServerFixture.json(response.body())).containsEntry("error", "no source answered");
      assertThat((String) ServerFixture.json(response.body()).get("detail")).contains("sensor-9 refused the connection");
      // With a good source beside it, the stream is the good source's packets (partial).
      HttpResponse<byte[]> partial = failing.bytes(failing.request("api/v1/stream?query=" + encode("tcp port 22 and before 2024-06-03T09:01:00Z"), "alice").build());
      assertThat(partial.statusCode()).isEqualTo(200);
      assertThat(partial.body().length).isGreaterThan(24);
      Path audit = directory.resolve("failing-audit.log");
      assertThat(awaitAuditLine(audit, "\"query\":\"tcp\"")).containsEntry("outcome", "failed").containsEntry("bytes", 0);
      assertThat(awaitAuditLine(audit, "port 22")).containsEntry("outcome", "partial").containsEntry("sources", List.of("east", "broken"));
    }
  }

  @Test
  void aClientThatGoesAwayCancelsTheRunAndLeavesNoThread() throws Exception {
    HttpResponse<InputStream> response =
        server.http.send(server.request("api/v1/stream?query=" + encode("after 2024-06-03T09:00:00Z"), "alice").build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream body = response.body()) {
      assertThat(body.readNBytes(100_000)).hasSize(100_000);
    }
    // The run sees the client go away, is cancelled, and its threads end.
    Map<String, Object> line = awaitAuditLine(directory.resolve("audit.log"), "\"event\":\"stream\"", "\"query\":\"after 2024-06-03T09:00:00Z\"");
    assertThat(line).containsEntry("outcome", "cancelled").containsEntry("user", "alice").containsEntry("route", "GET /api/v1/stream");
    // Cut off early: the whole answer is every packet of both stores.
    assertThat(((Number) line.get("bytes")).longValue()).isLessThan((bytesOf("east") + bytesOf("west")) / 2);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!running().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(running()).isEmpty();
  }

  /** Threads of a run still alive: the run's own (docket-stream-N), or one still in a run's call (an idle docket-streamer-N is no run). */
  private static Set<String> running() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(thread -> thread.getKey().getName().startsWith("docket-stream-")
            || List.of(thread.getValue()).stream().anyMatch(frame -> frame.getClassName().startsWith("dev.docket.QueryRun")))
        .map(thread -> thread.getKey().getName() + " " + List.of(thread.getValue()).subList(0, Math.min(12, thread.getValue().length)))
        .collect(Collectors.toSet());
  }

  private static Map<String, Object> awaitAuditLine(Path audit, String... parts) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(audit)) {
        for (String line : Files.readAllLines(audit)) {
          if (List.of(parts).stream().allMatch(line::contains)) {
            return ServerFixture.json(line);
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no audit line with " + List.of(parts) + " in " + (Files.exists(audit) ? Files.readString(audit) : "(no file)"));
  }

  private long bytesOf(String store) throws java.io.IOException {
    try (var files = Files.list(directory.resolve(store))) {
      return files.mapToLong(file -> file.toFile().length()).sum();
    }
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }
}
