package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 clients at once on loopback, each submitting its own query, following it (half by polling,
 * half by server-sent events) and downloading the result: nothing lost, no errors, and the
 * server's threads bounded. Bounded itself: 200 clients, two minutes at most.
 */
class LoadTest {
  private static final int CLIENTS = 200;
  private static final List<String> USERS = List.of("alice", "bob", "admin");

  @TempDir Path directory;

  @Test
  void twoHundredClientsSubmittingAndFollowingLoseNothingAndGetNoErrors() throws Exception {
    Path store = TestStore.write(directory.resolve("store"), 31, 3, 50);
    try (ServerFixture server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings)) {
      // Warm: the first request of each user pays its bcrypt check, the first route its start-up.
      for (String user : USERS) {
        assertThat(server.get("api/v1/jobs", user).statusCode()).isEqualTo(200);
      }
      int before = serverThreads();
      AtomicInteger most = new AtomicInteger(before);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, runnable -> {
        Thread thread = new Thread(runnable, "load-client");
        thread.setDaemon(true);
        return thread;
      });
      ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < CLIENTS; i++) {
        int client = i;
        done.add(clients.submit(() -> {
          try {
            go.await();
            follow(server, client);
          } catch (Throwable failed) {
            errors.add("client " + client + ": " + failed);
          }
          return null;
        }));
      }
      go.countDown();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      for (Future<?> client : done) {
        while (!client.isDone() && System.nanoTime() < deadline) {
          most.accumulateAndGet(serverThreads(), Math::max);
          Thread.sleep(20);
        }
      }
      clients.shutdownNow();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(done).as("every client finished within two minutes").allMatch(Future::isDone);
      assertThat(errors).isEmpty();
      // Every job is there, and ended done.
      Map<String, Object> listed = ServerFixture.json(server.get("api/v1/jobs?limit=1000", "admin").body());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> jobs = (List<Map<String, Object>>) listed.get("jobs");
      assertThat(jobs).hasSize(CLIENTS).allSatisfy(job -> assertThat(job).containsEntry("state", "done"));
      System.out.printf("load: %d clients in %.1f s; server threads %d before, %d at most%n", CLIENTS, seconds, before, most.get());
      assertThat(most.get() - before).as("threads the server added under load").isLessThanOrEqualTo(MAX_ADDED_THREADS);
    }
  }

  /** Server threads may grow with the load, but not with one thread per waiting client. */
  private static final int MAX_ADDED_THREADS = 100;

  private static void follow(ServerFixture server, int client) throws Exception {
    String user = USERS.get(client % USERS.size());
    // A query of its own: windows one second apart are different jobs.
    String query = String.format("tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:%02d:%02dZ", 1 + client / 60, client % 60);
    String id = server.submit(query, user);
    Map<String, Object> job;
    if (client % 2 == 0) {
      do {
        Thread.sleep(100);
        HttpResponse<String> polled = server.get("api/v1/jobs/" + id, user);
        assertThat(polled.statusCode()).isEqualTo(200);
        job = ServerFixture.json(polled.body());
      } while (!List.of("done", "partial", "failed", "cancelled").contains((String) job.get("state")));
    } else {
      HttpResponse<String> events = server.send(server.request("api/v1/jobs/" + id + "/events", user).header("Accept", "text/event-stream").GET().build());
      assertThat(events.statusCode()).isEqualTo(200);
      List<String> data = events.body().lines().filter(line -> line.startsWith("data:")).toList();
      job = ServerFixture.json(data.get(data.size() - 1).substring("data:".length()));
    }
    assertThat(job).as(query).containsEntry("state", "done");
    HttpResponse<byte[]> pcap = server.bytes(server.request("api/v1/jobs/" + id + "/pcap", user).build());
    assertThat(pcap.statusCode()).isEqualTo(200);
    assertThat((long) pcap.body().length).isEqualTo(((Number) job.get("result-bytes")).longValue());
  }

  /** Live threads of this JVM that are not the test's own clients. */
  private static int serverThreads() {
    int clients = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("load-client") || thread.getName().startsWith("HttpClient-")) {
        clients++;
      }
    }
    return ManagementFactory.getThreadMXBean().getThreadCount() - clients;
  }
}
