package dev.docket.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under many clients at once, as the web tests' {@code LoadTest} loads it but against a
 * separate {@code docket serve}, so that the server's heap and threads are its own (sampled by
 * {@code bench/server.sh} from outside): each client submits a query of its own (the busy host in a
 * window one second longer than the last client's, about a minute: a few MB read through the
 * index, a few hundred KB answered), follows it (half by polling every 100 ms, half by its
 * event stream) and downloads the result. Prints one line: clients, seconds, jobs done, bytes
 * downloaded, errors.
 *
 * <p>Arguments: BASE_URI USER PASSWORD HOST FIRST_MINUTE CLIENTS ROUND
 */
public final class ServerLoadBench {
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");
  private static final Pattern STATE = Pattern.compile("\"state\":\"([a-z]+)\"");
  private static final List<String> ENDED = List.of("done", "partial", "failed", "cancelled", "expired");

  private ServerLoadBench() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
    String authorization = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
    String host = args[3];
    Instant first = Instant.parse(args[4]);
    int clients = Integer.parseInt(args[5]);
    // Each round asks windows of its own: a round's jobs are new, not the last round's duplicates.
    int round = Integer.parseInt(args[6]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> done = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int client = i;
      done.add(pool.submit(() -> {
        go.await();
        try {
          return follow(http, base, authorization, host, first, round, client);
        } catch (Exception failed) {
          errors.add("client " + client + ": " + failed);
          return -1L;
        }
      }));
    }
    long start = System.nanoTime();
    go.countDown();
    long bytes = 0;
    int finished = 0;
    for (Future<Long> client : done) {
      long got = client.get(10, TimeUnit.MINUTES);
      if (got >= 0) {
        bytes += got;
        finished++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdownNow();
    System.out.printf(Locale.ROOT, "clients %d, seconds %.2f, done %d, bytes %d, errors %d%n", clients, seconds, finished, bytes, errors.size());
    errors.stream().limit(5).forEach(error -> System.err.println("load: " + error));
  }

  /** Submits, follows and downloads one client's job; the bytes downloaded. */
  private static long follow(HttpClient http, URI base, String authorization, String host, Instant first, int round, int client) throws Exception {
    Instant after = first.plus(Duration.ofMinutes(5L * (round % 20)));
    Instant before = after.plusSeconds(60 + client);
    String query = "host " + host + " and after " + after + " and before " + before;
    HttpResponse<String> submitted = http.send(
        HttpRequest.newBuilder(base.resolve("api/v1/jobs")).header("Authorization", authorization).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\", \"accept-large\": true}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (submitted.statusCode() != 201 && submitted.statusCode() != 200) {
      throw new IllegalStateException("submit answered " + submitted.statusCode() + ": " + submitted.body());
    }
    Matcher id = ID.matcher(submitted.body());
    if (!id.find()) {
      throw new IllegalStateException("no job id in " + submitted.body());
    }
    URI job = base.resolve("api/v1/jobs/" + id.group(1));
    String state;
    if (client % 2 == 0) {
      do {
        Thread.sleep(100);
        state = lastState(http.send(HttpRequest.newBuilder(job).header("Authorization", authorization).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body());
      } while (!ENDED.contains(state));
    } else {
      state = lastState(http.send(HttpRequest.newBuilder(URI.create(job + "/events")).header("Authorization", authorization)
          .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }
    if (!state.equals("done")) {
      throw new IllegalStateException(query + " ended " + state);
    }
    HttpResponse<java.io.InputStream> pcap = http.send(HttpRequest.newBuilder(URI.create(job + "/pcap")).header("Authorization", authorization).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream body = pcap.body()) {
      if (pcap.statusCode() != 200) {
        throw new IllegalStateException("download answered " + pcap.statusCode());
      }
      return body.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /** The job's own state: the first in its JSON (its sources' come after), of the last event when it is an event stream. */
  private static String lastState(String body) {
    String job = body;
    for (String line : body.split("\n")) {
      if (line.startsWith("data:")) {
        job = line;
      }
    }
    Matcher state = STATE.matcher(job);
    return state.find() ? state.group(1) : "none";
  }
}
