package dev.docket.web;

import dev.docket.job.JobService;
import dev.docket.source.PacketSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Docket's web server, started over a job service and its sources (which stay the caller's to
 * close): the REST API, the original Docket's routes and downloads, every route behind Basic
 * authentication from the htpasswd file.
 *
 * <pre>{@code
 * try (DocketServer server = DocketServer.start(ServerSettings.of(users), jobs, sources)) {
 *   System.out.println("Docket is running at " + server.uri());
 * }
 * }</pre>
 */
public final class DocketServer implements AutoCloseable {
  /** Requests handled at once; more wait. Enough for bcrypt on two cores and for disk waits. */
  static final int REQUEST_THREADS = 48;

  private final ApplicationContext context;
  private final EmbeddedServer server;
  private final ServerSettings settings;

  private DocketServer(ApplicationContext context, EmbeddedServer server, ServerSettings settings) {
    this.context = context;
    this.server = server;
    this.settings = settings;
  }

  /**
   * Starts listening; returns once the server answers.
   *
   * @param sources the sources the job service was opened with, for streamed queries and health
   * @throws IllegalArgumentException when the settings cannot be served: plain HTTP on an address
   *     other than loopback without {@code allowPlainHttp}
   * @throws IOException when the users file cannot be read
   */
  public static DocketServer start(ServerSettings settings, JobService jobs, List<? extends PacketSource> sources) throws IOException {
    if (settings.tls().isEmpty() && !settings.allowPlainHttp() && !isLoopback(settings.host())) {
      throw new IllegalArgumentException(
          "plain HTTP is served only on loopback, and " + settings.host() + " is not; give a TLS certificate and key, "
              + "or set allow-plain-http: true when a TLS proxy is in front");
    }
    if (!Files.isReadable(settings.users())) {
      throw new IOException(settings.users() + ": cannot read the users file");
    }
    Clock clock = jobs.settings().clock();
    Htpasswd users = new Htpasswd(settings.users());
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.application.name", "docket");
    properties.put("micronaut.server.host", settings.host());
    properties.put("micronaut.server.port", settings.port());
    if (!settings.basePath().equals("/")) {
      properties.put("micronaut.server.context-path", settings.basePath());
    }
    // The server's name and version are nobody's business.
    properties.put("micronaut.server.server-header", "");
    // Requests run on the blocking pool (authentication checks bcrypt; routes touch the disk). On
    // Java 17 Micronaut's pool grows a thread per concurrent request with no bound; fixed, a burst
    // of clients waits its turn instead. Nothing holds a pool thread for long: event streams are
    // told by the job service's watches and streamed queries run on their own threads.
    properties.put("micronaut.executors.io.type", "fixed");
    properties.put("micronaut.executors.io.n-threads", REQUEST_THREADS);
    // Micronaut refuses, with an empty 403, any request to a loopback server whose Origin is not
    // loopback ("drive-by localhost"). Behind a proxy on the same machine that is every request
    // from Docket's own pages; CrossSiteRequestFilter makes the check that matters instead (another
    // site's page may not change anything), and answers in words.
    properties.put("micronaut.server.cors.localhost-pass-through", true);
    properties.putAll(TlsProperties.of(settings));
    properties.putAll(UiProperties.of());
    ApplicationContext context =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .properties(properties)
            .singletons(jobs, new ServedSources(List.copyOf(sources)), settings, new Authenticator(users, clock), new AuditLog(settings.auditLog(), clock))
            .start();
    try {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      return new DocketServer(context, server, settings);
    } catch (RuntimeException failed) {
      context.close();
      throw failed;
    }
  }

  /** Where the server answers, with the base path and a trailing slash: {@code http://127.0.0.1:8080/app/docket/}. */
  public URI uri() {
    String base = settings.basePath().equals("/") ? "/" : settings.basePath() + "/";
    return URI.create(server.getScheme() + "://" + hostForUri(settings.host()) + ":" + server.getPort() + base);
  }

  /** Stops listening; requests under way are cut off. The job service is left open. */
  @Override
  public void close() {
    // Micronaut leaves its request pool running when its context closes; a fixed pool never lets
    // its threads go, so a server started and stopped in one JVM would leave 48 threads each time.
    Optional<ExecutorService> requests = context.findBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.IO));
    server.stop();
    context.close();
    requests.ifPresent(ExecutorService::shutdown);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException unknown) {
      return false;
    }
  }

  private static String hostForUri(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
