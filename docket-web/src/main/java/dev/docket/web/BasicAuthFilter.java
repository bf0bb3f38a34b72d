package dev.docket.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Basic authentication on every route — the API, the original routes, downloads, events —
 * against the htpasswd file. On the blocking pool: a bcrypt check takes tens of milliseconds, which
 * the event loop must not wait for. An accepted request carries its {@link Caller}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BasicAuthFilter {
  private static final String CHALLENGE = "Basic realm=\"Docket\", charset=\"UTF-8\"";

  private final Authenticator authenticator;
  private final AuditLog audit;
  private final ServerSettings settings;

  BasicAuthFilter(Authenticator authenticator, AuditLog audit, ServerSettings settings) {
    this.authenticator = authenticator;
    this.audit = audit;
    this.settings = settings;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  // Micronaut's own @Nullable: it reads that, not JSpecify's, to let null mean "go on".
  public @io.micronaut.core.annotation.Nullable HttpResponse<?> authenticate(HttpRequest<?> request) {
    String address = request.getRemoteAddress().getAddress().getHostAddress();
    Optional<String[]> credentials = credentials(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    if (credentials.isEmpty()) {
      return unauthorized("give a user and password (HTTP Basic authentication)");
    }
    String user = credentials.get()[0];
    Authenticator.Outcome outcome = authenticator.check(user, credentials.get()[1], address);
    if (outcome instanceof Authenticator.Outcome.Accepted) {
      request.setAttribute(Caller.ATTRIBUTE, new Caller(user, settings.admins().contains(user), address, route(request)));
      return null;
    }
    if (outcome instanceof Authenticator.Outcome.Backoff backoff) {
      audit.loginFailed(user, address, route(request), "backoff", "too many failures from this address");
      // Still 401, as for a wrong password, so that a guesser learns nothing; the detail and
      // Retry-After tell a person what to do.
      long seconds = Math.max(1, backoff.retryAfter().toSeconds());
      return unauthorized("too many failed logins from this address; try again in " + seconds + " s")
          .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    audit.loginFailed(user, address, route(request), "refused", "wrong user or password");
    return unauthorized("wrong user or password");
  }

  /** {@code GET /api/v1/jobs}: the method and path, without the query string (a stream's query is logged apart). */
  private static String route(HttpRequest<?> request) {
    return request.getMethodName() + " " + request.getPath();
  }

  private static io.micronaut.http.MutableHttpResponse<?> unauthorized(String detail) {
    return ErrorBody.response(HttpStatus.UNAUTHORIZED, "unauthorized", detail).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
  }

  /** The user and password of an {@code Authorization: Basic} header. */
  private static Optional<String[]> credentials(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }
}
