package dev.docket.web;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The users of an Apache htpasswd file ({@code user:hash} a line), read again when the file changes
 * (its modification time or size), at most once a second. A line Docket cannot use is skipped and
 * reported once, by line number, never with its hash.
 */
final class Htpasswd {
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private final Path file;
  private volatile Snapshot snapshot;

  private record Snapshot(ImmutableMap<String, String> hashes, @Nullable FileTime modified, long size, long checkedAt, List<String> problems) {}

  Htpasswd(Path file) throws IOException {
    this.file = file;
    this.snapshot = read(System.nanoTime());
  }

  Path file() {
    return file;
  }

  /** The users' stored hashes, as the file stands (read again if it changed). */
  ImmutableMap<String, String> hashes() {
    Snapshot current = snapshot;
    long now = System.nanoTime();
    if (now - current.checkedAt() >= RECHECK_NANOS) {
      synchronized (this) {
        current = snapshot;
        if (now - current.checkedAt() >= RECHECK_NANOS) {
          current = refreshed(current, now);
          snapshot = current;
        }
      }
    }
    return current.hashes();
  }

  /** What was wrong with the file when it was last read: one line each. */
  List<String> problems() {
    return snapshot.problems();
  }

  private Snapshot refreshed(Snapshot current, long now) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.lastModifiedTime().equals(current.modified()) && attributes.size() == current.size()) {
        return new Snapshot(current.hashes(), current.modified(), current.size(), now, current.problems());
      }
      return read(now);
    } catch (IOException unreadable) {
      // Keep the users we had: a file being replaced for a moment must not lock everyone out.
      return new Snapshot(current.hashes(), current.modified(), current.size(), now, current.problems());
    }
  }

  private Snapshot read(long now) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, String> hashes = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        problems.add(file + ": line " + (i + 1) + " is not user:hash; skipped");
        continue;
      }
      String user = line.substring(0, colon);
      String hash = line.substring(colon + 1);
      if (PasswordHash.of(hash) == null) {
        problems.add(file + ": line " + (i + 1) + " (" + user + ") has a hash Docket does not accept; use bcrypt (htpasswd -B or docket passwd)");
        continue;
      }
      hashes.put(user, hash);
    }
    return new Snapshot(ImmutableMap.copyOf(hashes), attributes.lastModifiedTime(), attributes.size(), now, List.copyOf(problems));
  }
}
