package dev.docket.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;

/**
 * The headers a browser needs on every answer, the 401s included: no inline script or framing, no
 * MIME sniffing of a capture, no referrer carrying a job's id to another site, no caching.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {
  @ResponseFilter
  public void headers(MutableHttpResponse<?> response) {
    response.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    response.header("X-Content-Type-Options", "nosniff");
    response.header("Referrer-Policy", "no-referrer");
    response.header("X-Frame-Options", "DENY");
    response.header("Cache-Control", "no-store");
  }

  /** First of the filters, so that its response step runs last, over every answer. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }
}
