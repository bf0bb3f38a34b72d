package dev.docket.web;

import java.util.Map;

/** Micronaut's properties for serving HTTPS from the settings' PEM files; none for plain HTTP. */
final class TlsProperties {
  private TlsProperties() {}

  static Map<String, Object> of(ServerSettings settings) {
    if (settings.tls().isEmpty()) {
      return Map.of();
    }
    throw new IllegalArgumentException("TLS is not served yet; put a TLS proxy in front and set allow-plain-http: true");
  }
}
