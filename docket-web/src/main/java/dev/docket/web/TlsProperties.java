package dev.docket.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Micronaut's properties for serving HTTPS from the settings' PEM files, or none for plain HTTP.
 *
 * <p>This Micronaut (4.10) reads PEM itself: a {@code micronaut.certificate.file} provider named
 * {@code docket} loads the key (PKCS#8, PKCS#1 or SEC1) and the certificate chain into an in-memory
 * KeyStore for Netty, and reloads both when the files change, so a renewed certificate is served
 * without a restart. Docket therefore parses no PEM of its own for the server; the Stenographer
 * client's {@code PemFiles} stays with the client, which Micronaut does not serve. With TLS, only
 * HTTPS listens, on the settings' port: there is no plain HTTP port to redirect from.
 */
final class TlsProperties {
  private static final String PROVIDER = "micronaut.certificate.file.docket.";

  private TlsProperties() {}

  /**
   * @throws IllegalArgumentException when a PEM file cannot be read, naming it
   */
  static Map<String, Object> of(ServerSettings settings) {
    if (settings.tls().isEmpty()) {
      return Map.of();
    }
    ServerSettings.Tls tls = settings.tls().get();
    readable(tls.certificate(), "TLS certificate");
    readable(tls.key(), "TLS key");
    return Map.of(
        PROVIDER + "format", "PEM",
        PROVIDER + "path", tls.key().toAbsolutePath().toString(),
        PROVIDER + "certificate-path", tls.certificate().toAbsolutePath().toString(),
        "micronaut.server.ssl.enabled", true,
        "micronaut.server.ssl.key-name", "docket",
        // Micronaut's "random port" for HTTPS is -1, where plain HTTP's is 0.
        "micronaut.server.ssl.port", settings.port() == 0 ? -1 : settings.port(),
        "micronaut.server.dual-protocol", false);
  }

  private static void readable(Path file, String role) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(role + " " + file + " does not exist or cannot be read");
    }
  }
}
