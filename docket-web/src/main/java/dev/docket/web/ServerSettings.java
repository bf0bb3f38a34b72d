package dev.docket.web;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How the web server runs. {@link #of(Path)} gives the defaults; each {@code with…} changes one.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one (see {@link DocketServer#uri()})
 * @param basePath where every route lives, such as {@code /app/docket} behind ROCK's proxy; {@code /}
 *     for the root
 * @param users the htpasswd file every request is checked against
 * @param admins the users who see, download and delete every user's jobs
 * @param tls the PEM certificate and key to serve HTTPS with; empty serves plain HTTP
 * @param allowPlainHttp whether plain HTTP may listen on an address other than loopback (a TLS proxy
 *     in front)
 * @param auditLog where one JSON line per login failure, submitted query and download is appended;
 *     empty keeps no audit log
 */
public record ServerSettings(
    String host, int port, String basePath, Path users, Set<String> admins, Optional<Tls> tls, boolean allowPlainHttp, Optional<Path> auditLog) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /** A certificate chain and its private key, both PEM files. */
  public record Tls(Path certificate, Path key) {
    public Tls {
      requireNonNull(certificate, "certificate");
      requireNonNull(key, "key");
    }
  }

  public ServerSettings {
    requireNonNull(host, "host");
    basePath = normalize(basePath);
    requireNonNull(users, "users");
    admins = Set.copyOf(admins);
    requireNonNull(tls, "tls");
    requireNonNull(auditLog, "auditLog");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not 0-65535");
    }
  }

  /** Loopback, port 8080, at the root, the user {@code admin} as admin, plain HTTP, no audit log. */
  public static ServerSettings of(Path users) {
    return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, "/", users, Set.of("admin"), Optional.empty(), false, Optional.empty());
  }

  public ServerSettings withHost(String host) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog);
  }

  public ServerSettings withPort(int port) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog);
  }

  public ServerSettings withBasePath(String basePath) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog);
  }

  public ServerSettings withAdmins(Set<String> admins) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog);
  }

  public ServerSettings withTls(Tls tls) {
    return new ServerSettings(host, port, basePath, users, admins, Optional.of(tls), allowPlainHttp, auditLog);
  }

  public ServerSettings withAllowPlainHttp(boolean allowPlainHttp) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog);
  }

  public ServerSettings withAuditLog(Path auditLog) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, Optional.of(auditLog));
  }

  /** {@code app/docket/} and {@code /app/docket} are both {@code /app/docket}; empty is {@code /}. */
  private static String normalize(String path) {
    String stripped = path.strip().replaceAll("/+", "/");
    if (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    if (stripped.isEmpty()) {
      return "/";
    }
    if (!stripped.matches("(/?[A-Za-z0-9._~-]+)+") || stripped.contains("/../") || stripped.matches("/?\\.\\.?(/.*)?")) {
      throw new IllegalArgumentException("base path '" + path + "' must be segments of letters, digits and . _ ~ -, such as /app/docket");
    }
    return stripped.startsWith("/") ? stripped : "/" + stripped;
  }
}
