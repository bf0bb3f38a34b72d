package dev.docket.web;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
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
 * @param trustedOrigins the origins ({@code https://docket.example.org}) whose pages may send state-changing
 *     requests besides the server's own, which it knows without being told; needed when a proxy in
 *     front rewrites the {@code Host} header (see {@link CrossSiteRequestFilter})
 */
public record ServerSettings(
    String host,
    int port,
    String basePath,
    Path users,
    Set<String> admins,
    Optional<Tls> tls,
    boolean allowPlainHttp,
    Optional<Path> auditLog,
    Set<String> trustedOrigins) {
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
    trustedOrigins = trustedOrigins.stream().map(ServerSettings::origin).collect(java.util.stream.Collectors.toUnmodifiableSet());
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not 0-65535");
    }
  }

  /** Loopback, port 8080, at the root, the user {@code admin} as admin, plain HTTP, no audit log. */
  public static ServerSettings of(Path users) {
    return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, "/", users, Set.of("admin"), Optional.empty(), false, Optional.empty(), Set.of());
  }

  public ServerSettings withHost(String host) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog, trustedOrigins);
  }

  public ServerSettings withPort(int port) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog, trustedOrigins);
  }

  public ServerSettings withBasePath(String basePath) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog, trustedOrigins);
  }

  public ServerSettings withAdmins(Set<String> admins) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog, trustedOrigins);
  }

  public ServerSettings withTls(Tls tls) {
    return new ServerSettings(host, port, basePath, users, admins, Optional.of(tls), allowPlainHttp, auditLog, trustedOrigins);
  }

  public ServerSettings withAllowPlainHttp(boolean allowPlainHttp) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog, trustedOrigins);
  }

  public ServerSettings withAuditLog(Path auditLog) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, Optional.of(auditLog), trustedOrigins);
  }

  public ServerSettings withTrustedOrigins(Set<String> trustedOrigins) {
    return new ServerSettings(host, port, basePath, users, admins, tls, allowPlainHttp, auditLog, trustedOrigins);
  }

  /**
   * An origin as browsers send it: {@code scheme://host[:port]}, lower case, without a default port
   * or a path ({@code HTTPS://Docket.example.org:443/} is {@code https://docket.example.org}).
   */
  static String origin(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException bad) {
      throw new IllegalArgumentException("trusted origin '" + text + "' is not a URL such as https://docket.example.org");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("trusted origin '" + text + "' must be http(s)://host[:port], such as https://docket.example.org, with no path");
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
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
