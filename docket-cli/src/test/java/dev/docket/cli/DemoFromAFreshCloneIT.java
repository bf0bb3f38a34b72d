package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.pcap.CaptureReader;
import dev.docket.testing.ExternalTool;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a fresh clone: {@code ./docket demo} builds Docket (offline, from the
 * Maven repository this build uses), makes its store and serves it; a relative query through the API
 * with the printed credentials returns packets, streamed and as a job; SIGTERM stops it, and no
 * process of the clone is left.
 */
class DemoFromAFreshCloneIT {
  private static final Pattern RUNNING = Pattern.compile("^Docket is running at (http://127\\.0\\.0\\.1:\\d+/)ui/$");
  private static final Pattern FIELD = Pattern.compile("^(user|password): (\\S+)$");
  /** The clone's build (1-2 minutes on two cores) and the demo's start, with room for a loaded machine. */
  private static final Duration READY = Duration.ofMinutes(10);

  @TempDir Path scratch;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theReadmesFirstCommandServesPacketsOfTheLastMinutesAndStopsLeavingNoProcess() throws Exception {
    Path git = ExternalTool.require("git", "git");
    Path repository = Path.of(System.getProperty("docket.repository", "..")).toAbsolutePath().normalize();
    Path clone = scratch.resolve("docket");
    run(List.of(git.toString(), "clone", "--quiet", "--no-hardlinks", repository.toString(), clone.toString()));
    // The build runs offline from the repository this build uses, as a developer's ~/.m2 would serve it.
    Files.createDirectories(clone.resolve(".mvn"));
    Files.writeString(clone.resolve(".mvn/maven.config"), "-o -Dmaven.repo.local=" + System.getProperty("docket.repo.local", System.getProperty("user.home") + "/.m2/repository") + "\n");

    ProcessBuilder builder = new ProcessBuilder(clone.resolve("docket").toString(), "demo", "--port", "0").directory(clone.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_CACHE_HOME", scratch.resolve("cache").toString()); // not the developer's demo
    builder.redirectError(scratch.resolve("stderr.txt").toFile());
    Instant started = Instant.now();
    Process demo = builder.start();
    List<ProcessHandle> tree = new ArrayList<>();
    try {
      Map<String, String> printed = readWelcome(demo.getInputStream());
      System.out.println("docket demo on a fresh clone: ready after " + Duration.between(started, Instant.now()).toSeconds() + " s (build included)");
      tree.add(demo.toHandle());
      demo.descendants().forEach(tree::add);
      URI base = URI.create(printed.get("url"));
      String authorization = "Basic " + Base64.getEncoder().encodeToString((printed.get("user") + ":" + printed.get("password")).getBytes(StandardCharsets.UTF_8));

      HttpResponse<byte[]> streamed = http.send(
          HttpRequest.newBuilder(base.resolve("api/v1/stream?query=" + URLEncoder.encode("after 5m ago", StandardCharsets.UTF_8)))
              .header("Authorization", authorization).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(streamed.statusCode()).isEqualTo(200);
      assertThat(packets(streamed.body())).isGreaterThan(100);

      HttpResponse<String> submitted = http.send(
          HttpRequest.newBuilder(base.resolve("api/v1/jobs")).header("Authorization", authorization).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"after 15m ago and host 203.0.113.66\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
      Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(submitted.body());
      assertThat(id.find()).isTrue();
      URI job = base.resolve("api/v1/jobs/" + id.group(1));
      String state = "";
      for (Instant deadline = Instant.now().plus(READY); Instant.now().isBefore(deadline) && !state.matches("done|partial|failed|cancelled"); ) {
        // The job's events would tell at once; polling keeps the test short, and waits for the state, not a time.
        String body = http.send(HttpRequest.newBuilder(job).header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher found = Pattern.compile("\"state\"\\s*:\\s*\"([a-z]+)\"").matcher(body);
        state = found.find() ? found.group(1) : "";
        if (!state.matches("done|partial|failed|cancelled")) {
          Thread.sleep(200);
        }
      }
      assertThat(state).isEqualTo("done");
      HttpResponse<byte[]> result = http.send(
          HttpRequest.newBuilder(URI.create(job + "/pcap")).header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(result.statusCode()).isEqualTo(200);
      assertThat(packets(result.body())).as("the port scan's packets").isGreaterThan(2048);
    } finally {
      demo.destroy(); // SIGTERM, as systemd and Ctrl-C's cousin send
      boolean exited = demo.waitFor(2, TimeUnit.MINUTES);
      if (!exited) {
        demo.destroyForcibly();
      }
      assertThat(exited).as("the demo stopped on SIGTERM; stderr: %s", Files.readString(scratch.resolve("stderr.txt"))).isTrue();
    }
    assertThat(demo.exitValue()).as("the exit status of a JVM ended by SIGTERM").isEqualTo(143);
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("").contains(clone.toString())))
        .as("processes of the clone")
        .isEmpty();
  }

  /** The URL, user and password the demo prints, each on its own line; fails if it ends first. */
  private static Map<String, String> readWelcome(InputStream out) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException closed) {
        // the demo ended
      }
      lines.add("\0end");
    }, "demo-stdout");
    reader.setDaemon(true);
    reader.start();
    Map<String, String> printed = new java.util.HashMap<>();
    Instant deadline = Instant.now().plus(READY);
    while (!printed.containsKey("password")) {
      String line = lines.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
      assertThat(line).as("the demo printed its password before it ended or %s passed; so far %s", READY, printed).isNotNull().isNotEqualTo("\0end");
      Matcher running = RUNNING.matcher(line);
      Matcher field = FIELD.matcher(line);
      if (running.matches()) {
        printed.put("url", running.group(1));
      } else if (field.matches()) {
        printed.put(field.group(1), field.group(2));
      }
    }
    assertThat(printed).containsKeys("url", "user");
    return printed;
  }

  private static long packets(byte[] capture) throws IOException {
    long packets = 0;
    try (CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(capture), "answer")) {
      while (reader.next()) {
        packets++;
      }
    }
    return packets;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
