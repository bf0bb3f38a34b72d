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
 * One JSON line per login failure, query submitted and download, appended to a file: time, user,
 * client address, and what was asked (query, sources, bytes). Each line is written with one append,
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

  void loginFailed(String user, String address, String why) {
    Map<String, Object> line = line("login-failed", user, address);
    line.put("reason", why);
    append(line);
  }

  void submitted(Caller caller, String jobId, String query, List<String> sources, boolean existing) {
    Map<String, Object> line = line("query", caller.user(), caller.address());
    line.put("job", jobId);
    line.put("query", query);
    line.put("sources", sources);
    line.put("existing", existing);
    append(line);
  }

  void streamed(Caller caller, String query, List<String> sources) {
    Map<String, Object> line = line("stream", caller.user(), caller.address());
    line.put("query", query);
    line.put("sources", sources);
    append(line);
  }

  void downloaded(Caller caller, String jobId, String query, long bytes) {
    Map<String, Object> line = line("download", caller.user(), caller.address());
    line.put("job", jobId);
    line.put("query", query);
    line.put("bytes", bytes);
    append(line);
  }

  private Map<String, Object> line(String event, String user, String address) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("event", event);
    line.put("user", user);
    line.put("client", address);
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
