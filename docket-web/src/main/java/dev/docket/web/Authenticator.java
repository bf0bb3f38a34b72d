package dev.docket.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user's password against the htpasswd file. A successful check is remembered for a
 * minute, keyed by a digest of user and password, so bcrypt (tens of milliseconds) is not paid on
 * every request of a polling client; a changed file forgets them all. A client address that keeps
 * failing is refused for a while that doubles with each failure past the fifth, up to a minute.
 */
final class Authenticator {
  private static final Duration REMEMBERED = Duration.ofMinutes(1);
  private static final int FREE_FAILURES = 5;
  private static final Duration MOST_BACKOFF = Duration.ofMinutes(1);
  /** Checked for an unknown user, so that the answer takes as long as for a known one. */
  private static final String DUMMY_HASH = PasswordHash.bcrypt("docket: no such user");

  private final Htpasswd users;
  private final Clock clock;
  private final Map<String, Instant> remembered = new ConcurrentHashMap<>();
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private volatile Map<String, String> rememberedFor = Map.of();

  private record Failures(int count, Instant refusedUntil) {}

  /** What a check found. */
  sealed interface Outcome {
    record Accepted() implements Outcome {}

    record Rejected() implements Outcome {}

    /** The client failed too often: refused without a check until then. */
    record Backoff(Duration retryAfter) implements Outcome {}
  }

  Authenticator(Htpasswd users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  Outcome check(String user, String password, String client) {
    Instant now = clock.instant();
    Failures failed = failures.get(client);
    if (failed != null && now.isBefore(failed.refusedUntil())) {
      return new Outcome.Backoff(Duration.between(now, failed.refusedUntil()));
    }
    Map<String, String> hashes = users.hashes();
    if (hashes != rememberedFor) {
      remembered.clear();
      rememberedFor = hashes;
    }
    String key = digest(user, password);
    Instant until = remembered.get(key);
    if (until != null && now.isBefore(until)) {
      return new Outcome.Accepted();
    }
    String stored = hashes.get(user);
    boolean ok;
    if (stored == null) {
      PasswordHash.BCRYPT.matches(DUMMY_HASH, password);
      ok = false;
    } else {
      PasswordHash scheme = PasswordHash.of(stored);
      ok = scheme != null && scheme.matches(stored, password);
    }
    if (ok) {
      remembered.put(key, now.plus(REMEMBERED));
      failures.remove(client);
      return new Outcome.Accepted();
    }
    failures.compute(client, (address, before) -> {
      int count = before == null ? 1 : before.count() + 1;
      Duration wait = count <= FREE_FAILURES ? Duration.ZERO : backoff(count - FREE_FAILURES);
      return new Failures(count, now.plus(wait));
    });
    return new Outcome.Rejected();
  }

  private static Duration backoff(int excess) {
    long seconds = 1L << Math.min(excess - 1, 6);
    return Optional.of(Duration.ofSeconds(seconds)).filter(d -> d.compareTo(MOST_BACKOFF) < 0).orElse(MOST_BACKOFF);
  }

  private static String digest(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
