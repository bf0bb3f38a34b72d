package dev.docket.stenographer;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.plan.StenographerSyntax;
import dev.docket.source.PacketSource;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import dev.docket.source.SourceStats;
import dev.docket.stenographer.PemFiles.PemException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * One Stenographer sensor as a packet source. It asks the sensor for the plan's native query with
 * the time bounds padded (Stenographer keeps time by whole files) and reads the pcap answer as it
 * streams in: a superset of the query's packets, which the fan-out trims with the plan's residual
 * filter to exactly the query's.
 * Every failure is a {@link SourceException} in the sensor's name saying what to do.
 *
 * <p>HTTP/1.1 over mutual TLS with HttpClient's classic, blocking API: the response body is an
 * input stream the capture reader pulls from, so the answer is never held in memory and a reader
 * that stops early (closing the stream) drops the connection, which cancels the sensor's query.
 */
public final class StenographerSource implements PacketSource, Closeable {
  /** Stenographer's headers that stop the answer after a number of packets or bytes. */
  static final String LIMIT_PACKETS = "Steno-Limit-Packets";
  static final String LIMIT_BYTES = "Steno-Limit-Bytes";

  private final StenographerSettings settings;
  private final Diagnosis diagnosis;
  private final CloseableHttpClient client;
  private final HttpHost target;
  /** Each answer is read ahead on a thread of its own, from here. */
  private final ThreadFactory threads;

  private StenographerSource(StenographerSettings settings, CloseableHttpClient client, ThreadFactory threads) {
    this.settings = settings;
    this.threads = threads;
    this.diagnosis = new Diagnosis(settings);
    this.client = client;
    this.target = new HttpHost("https", settings.host(), settings.port());
  }

  /**
   * Reads the sensor's certificates and sets up its connections; nothing is sent yet. Each answer is
   * read ahead on a daemon thread named after the sensor.
   *
   * @throws SourceException when a certificate or key cannot be used; the message names the file
   */
  public static StenographerSource create(StenographerSettings settings) throws SourceException {
    return create(
        settings, new ThreadFactoryBuilder().setNameFormat("docket-read-ahead " + settings.name().replace("%", "%%") + " %d").setDaemon(true).build());
  }

  /**
   * Reads the sensor's certificates and sets up its connections; nothing is sent yet.
   *
   * @param threads makes the thread that reads each answer ahead, which ends with the answer
   * @throws SourceException when a certificate or key cannot be used; the message names the file
   */
  public static StenographerSource create(StenographerSettings settings, ThreadFactory threads) throws SourceException {
    SSLContext tls;
    try {
      tls = MutualTls.context(settings);
    } catch (PemException e) {
      throw new SourceException(settings.name(), e.getMessage());
    }
    Timeout connect = Timeout.of(settings.connectTimeout());
    Timeout idle = Timeout.of(settings.idleTimeout());
    TlsSocketStrategy layered =
        ClientTlsStrategyBuilder.create()
            .setSslContext(tls)
            .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
            .setHostnameVerifier(settings.verifyHostname() ? new SubjectAltNameVerifier() : NoopHostnameVerifier.INSTANCE)
            .buildClassic();
    // TLS over a socket read in 64 KiB pieces, gathered (ReadBufferedSocket): half the server's CPU
    // streaming an answer went to waking the reader for every 4 KB record.
    TlsSocketStrategy buffered =
        (socket, target, port, attachment, context) -> layered.upgrade(new ReadBufferedSocket(socket), target, port, attachment, context);
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setTlsSocketStrategy(buffered)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(idle).build())
                    .setDefaultTlsConfig(
                        TlsConfig.custom().setHandshakeTimeout(connect).setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                    .setMaxConnPerRoute(16)
                    .setMaxConnTotal(16)
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(idle).build())
            // A query is not idempotent in cost: never silently send it twice.
            .disableAutomaticRetries()
            // Otherwise a connection is marked with our client certificate's principal once used,
            // and leased again only to a request that names that principal, which none does: every
            // query paid a new TLS handshake with client certificate, and idle connections piled
            // up at the sensor, 16 of them (SensorConnectionTest). One certificate per source:
            // nothing to keep apart.
            .disableConnectionState()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .setUserAgent("Docket")
            .build();
    return new StenographerSource(settings, client, threads);
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public Set<QueryFeature> features() {
    return StenographerSyntax.FEATURES;
  }

  /** A query with {@code vlan N}: the sensor stored no frame's outermost tag ({@link StrippedVlanTag}). */
  @Override
  public List<String> notes(QueryPlan plan) {
    return plan.query().flatMap(query -> StrippedVlanTag.note(name(), query)).stream().toList();
  }

  public StenographerSettings settings() {
    return settings;
  }

  /** What Docket sends the sensor for {@code plan}: the native query, time bounds padded. */
  public String nativeText(QueryPlan plan) {
    return StenographerSyntax.printPlanned(plan.nativeQuery().map(query -> PaddedTime.pad(query, settings.timePadding())));
  }

  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
    return open(plan, ResultLimit.NONE, progress);
  }

  @Override
  public PacketStream open(QueryPlan plan, ResultLimit limit, ScanProgress progress) throws SourceException {
    return new ResponseStream(query(nativeText(plan), limit), progress, diagnosis, settings.name(), threads);
  }

  /**
   * Asks the sensor {@code stenographerQuery} as it is, in Stenographer's dialect, and streams its
   * answer untrimmed: for comparing with Stenographer itself, and for power users.
   */
  public PacketStream openNative(String stenographerQuery, ResultLimit limit, ScanProgress progress)
      throws SourceException {
    return new ResponseStream(query(stenographerQuery, limit), progress, diagnosis, settings.name(), threads);
  }

  private Response query(String text, ResultLimit limit) throws SourceException {
    HttpPost post = new HttpPost("/query");
    post.setEntity(new StringEntity(text, ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8)));
    if (limit.limitsPackets()) {
      post.setHeader(LIMIT_PACKETS, Long.toString(limit.packets()));
    }
    if (limit.limitsBytes()) {
      post.setHeader(LIMIT_BYTES, Long.toString(limit.bytes()));
    }
    ClassicHttpResponse response = execute(post);
    int status = response.getCode();
    if (status == 200) {
      return new Response(post, response);
    }
    String body = firstLine(response);
    discard(post, response);
    if (status == 400) {
      throw diagnosis.failure("Stenographer rejected the query as invalid (HTTP 400: " + body + "): '" + text
          + "'; this is a query problem — simplify the query, or report it if Docket accepted it");
    }
    throw diagnosis.failure("Stenographer answered HTTP " + status + (body.isEmpty() ? "" : " (" + body + ")")
        + "; see the sensor's log");
  }

  /** The sensor's {@code /debug/stats} counters. */
  @Override
  public SourceStats stats() throws SourceException {
    HttpGet get = new HttpGet("/debug/stats");
    ClassicHttpResponse response = execute(get);
    try {
      if (response.getCode() != 200) {
        throw diagnosis.failure("Stenographer answered HTTP " + response.getCode() + " for /debug/stats; see the sensor's log");
      }
      HttpEntity entity = response.getEntity();
      String text = entity == null ? "" : new String(entity.getContent().readNBytes(1 << 20), StandardCharsets.UTF_8);
      java.util.SortedMap<String, String> values = new java.util.TreeMap<>();
      text.lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .forEach(line -> {
            int space = line.indexOf(' ');
            values.put(space < 0 ? line : line.substring(0, space), space < 0 ? "" : line.substring(space + 1).strip());
          });
      return new SourceStats(values);
    } catch (IOException e) {
      throw diagnosis.ofRequest(e);
    } finally {
      discard(get, response);
    }
  }

  private ClassicHttpResponse execute(HttpUriRequestBase request) throws SourceException {
    try {
      return client.executeOpen(target, request, null);
    } catch (IOException e) {
      throw diagnosis.ofRequest(e);
    }
  }

  private static String firstLine(ClassicHttpResponse response) {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return "";
    }
    try (InputStream in = entity.getContent()) {
      return new String(in.readNBytes(512), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** Drops the connection without reading the rest of a body: cancelling is cheaper than draining. */
  static void discard(HttpUriRequestBase request, ClassicHttpResponse response) {
    request.cancel();
    if (response instanceof org.apache.hc.core5.io.ModalCloseable closeable) {
      closeable.close(CloseMode.IMMEDIATE);
    } else {
      try {
        response.close();
      } catch (IOException e) {
        // Already failed or cancelled: nothing more to release.
      }
    }
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  /** A request under way and its response. */
  record Response(HttpUriRequestBase request, ClassicHttpResponse response) {}
}
