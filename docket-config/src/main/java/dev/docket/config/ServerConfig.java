package dev.docket.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The {@code server:} part of the configuration file, for {@code docket serve}: each setting is
 * empty when the file leaves it to the command's flags or defaults. Paths are absolute.
 *
 * @param host the address to listen on
 * @param port the port to listen on
 * @param basePath where the routes live, such as {@code /app/docket}
 * @param users the htpasswd file
 * @param admins the users who see every user's jobs
 * @param spool the job service's directory of records and results
 * @param tlsCertificate the PEM certificate chain to serve HTTPS with (given with {@code tlsKey})
 * @param tlsKey its PEM private key
 * @param allowPlainHttp whether plain HTTP may listen on an address other than loopback
 * @param auditLog the file audit lines are appended to
 * @param maxPackets the most packets a job's result may hold
 * @param maxBytes about the most bytes a job's result may hold
 * @param expiry how long a result is kept after its job ended
 * @param trustedOrigins origins ({@code https://docket.example.org}) whose pages may send the server
 *     state-changing requests besides its own; for a proxy in front that rewrites {@code Host}
 */
public record ServerConfig(
    Optional<String> host,
    OptionalInt port,
    Optional<String> basePath,
    Optional<Path> users,
    List<String> admins,
    Optional<Path> spool,
    Optional<Path> tlsCertificate,
    Optional<Path> tlsKey,
    boolean allowPlainHttp,
    Optional<Path> auditLog,
    OptionalLong maxPackets,
    OptionalLong maxBytes,
    Optional<Duration> expiry,
    List<String> trustedOrigins) {
  /** A file without a {@code server:} part: everything left to flags and defaults. */
  public static final ServerConfig NONE =
      new ServerConfig(Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
          Optional.empty(), Optional.empty(), false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), List.of());

  public ServerConfig {
    requireNonNull(host, "host");
    requireNonNull(port, "port");
    requireNonNull(basePath, "basePath");
    requireNonNull(users, "users");
    admins = List.copyOf(admins);
    requireNonNull(spool, "spool");
    requireNonNull(tlsCertificate, "tlsCertificate");
    requireNonNull(tlsKey, "tlsKey");
    requireNonNull(auditLog, "auditLog");
    requireNonNull(maxPackets, "maxPackets");
    requireNonNull(maxBytes, "maxBytes");
    requireNonNull(expiry, "expiry");
    trustedOrigins = List.copyOf(trustedOrigins);
  }
}
