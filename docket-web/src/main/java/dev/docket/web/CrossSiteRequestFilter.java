package dev.docket.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-site request forgery. Browsers send HTTP Basic credentials with every request to the
 * server, a hostile page's form POST included, so a state-changing request (POST, PUT, PATCH,
 * DELETE) is refused when the browser says it comes from another site: {@code Sec-Fetch-Site} is
 * neither {@code same-origin} nor {@code none} (typed or bookmarked), or, from a browser too old
 * to send that, {@code Origin} is not this server's. The server's origin is the request's own
 * {@code Host} (so a proxy in front that keeps it, and any base path, need nothing), or one of the
 * configured trusted origins. A request with neither header is not from a browser — curl, scripts,
 * {@code docket jobs}, the original Docket's {@code POST /api/} integrations — and goes on: no
 * token to fetch, no extra step. This is the check Go's {@code net/http.CrossOriginProtection}
 * makes, without a token for the browser to carry.
 *
 * <p>Two GET routes submit a job by design: Kibana's click-to-PCAP {@code /api/uri/...} and
 * {@code /api/raw/...}. From another site they are taken only as a top-level navigation
 * ({@code Sec-Fetch-Mode: navigate}, {@code Sec-Fetch-Dest: document}), which is what following
 * Kibana's link is: the analyst sees the job page open. An image, script, fetch or frame from a
 * hostile page, which would submit jobs unseen, is refused. What a navigation can cost is a job
 * of the user's own (deduplicated, within the limits) whose result the other site cannot read.
 *
 * <p>Before authentication, so that a forged request costs no bcrypt check and no audit line.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CrossSiteRequestFilter implements Ordered {
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
  private static final String FETCH_SITE = "Sec-Fetch-Site";

  private final Set<String> trusted;
  private final String basePath;

  CrossSiteRequestFilter(ServerSettings settings) {
    this.trusted = settings.trustedOrigins();
    this.basePath = settings.basePath().equals("/") ? "" : settings.basePath();
  }

  @RequestFilter
  // Micronaut's own @Nullable: it reads that, not JSpecify's, to let null mean "go on".
  public @io.micronaut.core.annotation.Nullable HttpResponse<?> check(HttpRequest<?> request) {
    if (SAFE.contains(request.getMethod())) {
      return submitsOnGet(request) && !fromThisSiteOrFollowedLink(request)
          ? refused("a job is submitted from another site only by following a link to " + request.getPath()
              + " (as Kibana's click-to-PCAP does), not from an image, script, frame or fetch")
          : null;
    }
    @Nullable String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
    if (origin != null && trusted.contains(normalized(origin))) {
      return null;
    }
    @Nullable String site = request.getHeaders().get(FETCH_SITE);
    if (site != null) {
      return site.equals("same-origin") || site.equals("none")
          ? null
          : refused(request.getMethodName() + " from another site's page (" + (origin == null ? site : origin)
              + ") is refused; use Docket's own pages, or a client that is not a browser (curl, scripts)" + trustHint());
    }
    if (origin == null || normalized(origin).equals(ownOrigin(origin, request))) {
      return null;
    }
    return refused(request.getMethodName() + " from the page of " + origin + " is refused: it is not this server ("
        + request.getHeaders().get(HttpHeaders.HOST) + ")" + trustHint());
  }

  /** First, before authentication; after the security headers, which are added to every answer, these 403s included. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }

  private boolean submitsOnGet(HttpRequest<?> request) {
    String path = request.getPath();
    String route = path.startsWith(basePath + "/") ? path.substring(basePath.length()) : path;
    return route.startsWith("/api/uri/") || route.startsWith("/api/raw/");
  }

  private static boolean fromThisSiteOrFollowedLink(HttpRequest<?> request) {
    @Nullable String site = request.getHeaders().get(FETCH_SITE);
    if (site == null || site.equals("same-origin") || site.equals("none")) {
      return true;
    }
    return "navigate".equals(request.getHeaders().get("Sec-Fetch-Mode")) && "document".equals(request.getHeaders().get("Sec-Fetch-Dest"));
  }

  /**
   * This server's origin as the browser sees it: {@code Origin}'s own scheme (a TLS proxy in front
   * makes it https while this server hears plain HTTP) with the request's {@code Host}.
   */
  private static String ownOrigin(String origin, HttpRequest<?> request) {
    @Nullable String host = request.getHeaders().get(HttpHeaders.HOST);
    if (host == null) {
      return "";
    }
    try {
      return normalized(new URI(origin).getScheme() + "://" + host);
    } catch (URISyntaxException | IllegalArgumentException | NullPointerException unreadable) {
      return "";
    }
  }

  private static String normalized(String origin) {
    try {
      return ServerSettings.origin(origin);
    } catch (IllegalArgumentException notAnOrigin) {
      return origin.toLowerCase(Locale.ROOT); // "null", from a sandboxed page or a file: trusted only if listed so
    }
  }

  private String trustHint() {
    return "; if this is Docket's own page behind a proxy that changes the Host header, list its origin under server: trusted-origins";
  }

  private static HttpResponse<?> refused(String detail) {
    return ErrorBody.response(HttpStatus.FORBIDDEN, "cross-site request refused", detail);
  }
}
