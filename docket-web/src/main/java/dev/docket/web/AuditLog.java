package dev.docket.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per login failure, query submitted, stream and download, appended to a file: time,
 * event, user, client address, route (method and path), outcome, and what was asked (query,
 * sources, bytes). Each line is written with one append,
 * so concurrent requests never interleave within a line.
 */
final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final Optional<Path> file;
  private final Clock clock;

  AuditLog(Optional<Path> file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** @param outcome {@code refused} for a wrong password, {@code backoff} while the address is held off */
  void loginFailed(String user, String address, String route, String outcome, String why) {
    Map<String, Object> line = line("login-failed", user, address, route, outcome);
    line.put("reason", why);
    append(line);
  }

  void submitted(Caller caller, String jobId, String query, List<String> sources, boolean existing) {
    Map<String, Object> line = line("query", caller, existing ? "existing" : "created");
    line.put("job", jobId);
    line.put("query", query);
    line.put("sources", sources);
    append(line);
  }

  /**
   * Written when the stream has ended, so that it says how.
   *
   * @param outcome the run's status in lowercase ({@code complete}, {@code partial}, {@code
   *     cancelled} when the client went away, {@code failed}), or {@code error} when writing failed
   */
  void streamed(Caller caller, String query, List<String> sources, String outcome, long packets, long bytes) {
    Map<String, Object> line = line("stream", caller, outcome);
    line.put("query", query);
    line.put("sources", sources);
    line.put("packets", packets);
    line.put("bytes", bytes);
    append(line);
  }

  /** @param outcome {@code sent} for the whole result, {@code range} for a part of it */
  void downloaded(Caller caller, String jobId, String query, String outcome, long bytes) {
    Map<String, Object> line = line("download", caller, outcome);
    line.put("job", jobId);
    line.put("query", query);
    line.put("bytes", bytes);
    append(line);
  }

  private Map<String, Object> line(String event, Caller caller, String outcome) {
    return line(event, caller.user(), caller.address(), caller.route(), outcome);
  }

  private Map<String, Object> line(String event, String user, String address, String route, String outcome) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("event", event);
    line.put("user", user);
    line.put("client", address);
    line.put("route", route);
    line.put("outcome", outcome);
    return line;
  }

  private void append(Map<String, Object> line) {
    if (file.isEmpty()) {
      return;
    }
    byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(file.get(), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot append to the audit log {}: {}", file.get(), e.getMessage());
    }
  }
}
