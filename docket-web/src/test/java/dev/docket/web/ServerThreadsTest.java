package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A closed server leaves no thread behind: an embedder may start and stop servers in one JVM. */
class ServerThreadsTest {
  @TempDir Path directory;

  @Test
  void closingTheServerEndsItsRequestEventAndSourceThreads() throws Exception {
    long before = serverThreads();
    Path store = TestStore.write(directory.resolve("store"), 41, 1, 20);
    try (ServerFixture server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings)) {
      String id = server.submit(TestStore.QUERY, "alice");
      server.awaitEnd(id);
      List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        requests.add(server.http.sendAsync(server.request("api/v1/jobs/" + id + (i % 2 == 0 ? "" : "/events"), "alice").build(), HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> request : requests) {
        assertThat(request.get().statusCode()).isEqualTo(200);
      }
      assertThat(server.get("api/v1/sources", "alice").statusCode()).isEqualTo(200);
      assertThat(serverThreads()).isGreaterThan(before);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (serverThreads() > before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(serverThreads()).as(names()).isLessThanOrEqualTo(before);
  }

  private static String names() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList().toString();
  }

  /** Threads of Micronaut's request pool and event loops, and Docket's event and source-asking pools. */
  private static long serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("io-executor-thread") || name.startsWith("default-eventLoopGroup") || name.startsWith("docket-events")
            || name.startsWith("docket-source-stats"))
        .count();
  }
}
