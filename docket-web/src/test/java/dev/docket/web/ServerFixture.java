package dev.docket.web;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.docket.job.Job;
import dev.docket.job.JobService;
import dev.docket.job.JobSettings;
import dev.docket.source.PacketSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server on a free loopback port over a real job service and generated store, with the
 * users alice, bob and admin (password: the name and "-password"), and a client for it.
 */
final class ServerFixture implements AutoCloseable {
  final Path directory;
  final JobService jobs;
  final DocketServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServerFixture(Path directory, JobService jobs, DocketServer server) {
    this.directory = directory;
    this.jobs = jobs;
    this.server = server;
  }

  /** Users for a server in {@code directory}. */
  static Path users(Path directory) throws IOException {
    Path users = directory.resolve("users");
    for (String user : List.of("alice", "bob", "admin")) {
      UsersFile.setPassword(users, user, user + "-password");
    }
    return users;
  }

  static ServerFixture start(Path directory, List<? extends PacketSource> sources, UnaryOperator<ServerSettings> settings) throws IOException {
    return start(directory, sources, UnaryOperator.identity(), settings);
  }

  /** With the job service's settings changed too: its limits, say. */
  static ServerFixture start(Path directory, List<? extends PacketSource> sources, UnaryOperator<JobSettings> jobSettings,
      UnaryOperator<ServerSettings> settings) throws IOException {
    JobService jobs = JobService.open(jobSettings.apply(JobSettings.in(directory.resolve("spool"))), sources);
    ServerSettings served = settings.apply(ServerSettings.of(users(directory)).withPort(0));
    try {
      return new ServerFixture(directory, jobs, DocketServer.start(served, jobs, sources));
    } catch (IOException | RuntimeException failed) {
      jobs.close();
      throw failed;
    }
  }

  URI uri(String path) {
    return server.uri().resolve(path);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", basic(user, user + "-password"));
  }

  HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
    return send(request(path, user).GET().build());
  }

  HttpResponse<String> post(String path, String json, String user) throws IOException, InterruptedException {
    return send(request(path, user).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> delete(String path, String user) throws IOException, InterruptedException {
    return send(request(path, user).DELETE().build());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> bytes(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Submits {@code query} as {@code user} and returns the job's id. */
  String submit(String query, String user) throws IOException, InterruptedException {
    HttpResponse<String> response = post("api/v1/jobs", Json.write(Map.of("query", query)), user);
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      throw new AssertionError("submit answered " + response.statusCode() + ": " + response.body());
    }
    return (String) json(response.body()).get("id");
  }

  /** Waits (through the service, not the API) until the job has ended. */
  Job awaitEnd(String id) throws InterruptedException {
    Job job = jobs.await(id, Duration.ofSeconds(60)).orElseThrow();
    if (!job.state().hasEnded()) {
      throw new AssertionError("job " + id + " did not end: " + job.state());
    }
    return job;
  }

  static Map<String, Object> json(String body) throws IOException {
    return JSON.std.mapFrom(body);
  }

  @Override
  public void close() {
    server.close();
    jobs.close();
  }
}
