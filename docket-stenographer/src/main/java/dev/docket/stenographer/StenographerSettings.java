package dev.docket.stenographer;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one Stenographer sensor.
 *
 * @param name what analysts call the sensor; every message about it starts with it
 * @param host the sensor's address (Stenographer listens on an IP literal)
 * @param port its HTTPS port
 * @param cert Docket's client certificate (PEM), signed by the sensor's CA
 * @param key the client certificate's private key (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted)
 * @param ca the CA that signed the sensor's server certificate (PEM; Stenographer's ca_cert.pem)
 * @param verifyHostname whether the server certificate must name {@code host} in its
 *     subjectAltName; Stenographer's own stenokeys makes certificates without one
 * @param connectTimeout how long connecting and the TLS handshake may take
 * @param idleTimeout how long the sensor may send nothing, before and during its answer
 * @param timePadding how much wider than the query's window Docket asks for, to cover packets that
 *     Stenographer's whole-file time could miss; Docket trims the answer to the exact window
 */
public record StenographerSettings(
    String name,
    String host,
    int port,
    Path cert,
    Path key,
    Path ca,
    boolean verifyHostname,
    Duration connectTimeout,
    Duration idleTimeout,
    Duration timePadding) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Stenographer may think a while before its first byte on a busy sensor; it gives up at 15 min. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
  /**
   * Stenographer already keeps files named up to a minute either side of each bound, which covers
   * files of up to a minute (its default rotation); a minute more covers a doubled {@code
   * fileage_sec} and a late block. Raise it for sensors that rotate less often.
   */
  public static final Duration DEFAULT_TIME_PADDING = Duration.ofMinutes(1);

  public StenographerSettings {
    requireNonNull(name, "name");
    requireNonNull(host, "host");
    requireNonNull(cert, "cert");
    requireNonNull(key, "key");
    requireNonNull(ca, "ca");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(timePadding, "timePadding");
    checkArgument(port > 0 && port < 65_536, "port out of range: %s", port);
    checkArgument(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connect timeout must be positive");
    checkArgument(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle timeout must be positive");
    checkArgument(!timePadding.isNegative(), "time padding must not be negative");
  }

  /** A sensor with the default timeouts and padding, hostname verified. */
  public static StenographerSettings of(String name, String host, int port, Path cert, Path key, Path ca) {
    return new StenographerSettings(
        name, host, port, cert, key, ca, true, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_TIME_PADDING);
  }

  public StenographerSettings withVerifyHostname(boolean verify) {
    return new StenographerSettings(name, host, port, cert, key, ca, verify, connectTimeout, idleTimeout, timePadding);
  }

  public StenographerSettings withTimeouts(Duration connect, Duration idle) {
    return new StenographerSettings(name, host, port, cert, key, ca, verifyHostname, connect, idle, timePadding);
  }

  public StenographerSettings withTimePadding(Duration padding) {
    return new StenographerSettings(name, host, port, cert, key, ca, verifyHostname, connectTimeout, idleTimeout, padding);
  }

  /** {@code host:port}, as messages name the address. */
  String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
