package dev.docket.bench;

import java.net.URI;
import java.net.URLEncoder;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's submit-to-done latency over HTTP, against a warm {@code docket serve} that {@code
 * bench/server.sh} starts: a job of a one-minute window is submitted ({@code POST /api/v1/jobs})
 * and followed by its event stream until it says done, as a script or the UI follows it. Each job
 * asks a new minute, so no duplicate is found. Prints Markdown on standard output.
 *
 * <p>Arguments: BASE_URI USER PASSWORD HOST FIRST_MINUTE [ROUNDS]
 */
public final class ServerBench {
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");
  private static final Pattern STATE = Pattern.compile("\"state\":\"([a-z]+)\"");

  private ServerBench() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
    String authorization = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
    String host = args[3];
    Instant first = Instant.parse(args[4]);
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Double> selective = new ArrayList<>();
    List<Double> everything = new ArrayList<>();
    int minute = 0;
    for (int warm = 0; warm < 20; warm++) {
      run(http, base, authorization, "host " + host + " and " + JobsBench.window(first, minute++));
    }
    for (int round = 0; round < 4 * rounds; round++) {
      selective.add(run(http, base, authorization, "host " + host + " and " + JobsBench.window(first, minute)));
      everything.add(run(http, base, authorization, JobsBench.window(first, minute++)));
    }
    System.out.println("| one-minute window, POST to the event saying done | median ms | min–max ms | runs |");
    System.out.println("|---|---|---|---|");
    System.out.println(JobsBench.row("`host " + host + "` (selective, through the index)", selective));
    System.out.println(JobsBench.row("every packet of the minute", everything));
    System.out.println();
    System.out.printf(Locale.ROOT, "- load average after: %s%n", JobsBench.load());
  }

  /** Submits {@code query} and reads its event stream to the end; the milliseconds from the POST to the last event. */
  private static double run(HttpClient http, URI base, String authorization, String query) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> submitted = http.send(
        HttpRequest.newBuilder(base.resolve("api/v1/jobs")).header("Authorization", authorization).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\", \"accept-large\": true}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (submitted.statusCode() != 201) {
      throw new IllegalStateException("submitting " + query + " answered " + submitted.statusCode() + ": " + submitted.body());
    }
    Matcher id = ID.matcher(submitted.body());
    if (!id.find()) {
      throw new IllegalStateException("no job id in " + submitted.body());
    }
    HttpResponse<String> events = http.send(
        HttpRequest.newBuilder(base.resolve("api/v1/jobs/" + URLEncoder.encode(id.group(1), StandardCharsets.UTF_8) + "/events"))
            .header("Authorization", authorization).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    double millis = (System.nanoTime() - start) / 1e6;
    String state = "none";
    for (Matcher states = STATE.matcher(events.body()); states.find(); ) {
      state = states.group(1);
    }
    if (!state.equals("done")) {
      throw new IllegalStateException("job " + query + " ended " + state);
    }
    return millis;
  }
}
