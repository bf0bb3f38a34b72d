package dev.docket.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
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
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.util.Timeout;

/**
 * The calls {@code docket jobs} makes to a Docket server's REST API ({@code /api/v1/jobs}), each
 * answer turned into a {@link RemoteJob}, a stream, or a {@link CommandFailure} with the exit code
 * and the one line that says what went wrong and what to do.
 *
 * <p>Apache HttpClient 5 (classic, blocking), as docket-stenographer uses, rather than the JDK's
 * {@code java.net.http}: reading a 469 MB result through the JDK client's {@code InputStream} took
 * twice curl's wall time (medians 4968 ms against 2398, bench/jobs-client.sh) and about 3.1 s of
 * CPU against HttpClient 5's 1.9 s (curl: 0.9 s), which on two shared cores is wall time too (see
 * bench/README.md); and its socket timeout ends a download that stalls, where the JDK client's
 * stream would wait forever.
 */
final class JobsClient implements Closeable {
  /** How long the server may be silent: before an answer's first byte, and between two reads of a body (events send a heartbeat every 15 s). */
  private static final Duration SILENCE = Duration.ofMinutes(5);
  /** The most of an error's body read: errors are one JSON line. */
  private static final int MOST_ERROR_BYTES = 64 * 1024;

  private final URI server;
  private final Credentials credentials;
  private final CloseableHttpClient http;

  JobsClient(URI server, Credentials credentials, Optional<SSLContext> tls, Duration connectTimeout) {
    this.server = server;
    this.credentials = credentials;
    PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).setSocketTimeout(Timeout.of(SILENCE)).build())
        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(Timeout.of(connectTimeout)).setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build());
    // Without --cacert, Java's own trust store and host name check (HttpClient's default strategy).
    tls.ifPresent(context -> connections.setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(context).buildClassic()));
    this.http = HttpClients.custom()
        .setConnectionManager(connections.build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(SILENCE)).build())
        // A submission is not to be sent twice behind the user's back; a failure is reported instead.
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableContentCompression()
        .setUserAgent("docket-jobs")
        .build();
  }

  URI server() {
    return server;
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException closing) {
      // Nothing is left to send.
    }
  }

  /** An answer with its body open: the caller reads it and closes it. */
  static final class Answer implements Closeable {
    private final ClassicHttpResponse response;

    Answer(ClassicHttpResponse response) {
      this.response = response;
    }

    int status() {
      return response.getCode();
    }

    Optional<String> header(String name) {
      Header header = response.getFirstHeader(name);
      return header == null ? Optional.empty() : Optional.of(header.getValue());
    }

    InputStream body() throws IOException {
      HttpEntity entity = response.getEntity();
      return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    @Override
    public void close() {
      try {
        response.close();
      } catch (IOException closing) {
        // The connection is let go either way.
      }
    }
  }

  /** A job submitted: the new one, or the identical one submitted before ({@code existing}). */
  record Submitted(RemoteJob job, boolean existing) {}

  Submitted submit(Map<String, Object> request) {
    String body;
    try {
      body = JSON.std.asString(request);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    HttpPost post = new HttpPost(server.resolve("api/v1/jobs"));
    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    Map<?, ?> json = object(send(post, "submit the job"));
    return new Submitted(RemoteJob.of(json), Boolean.TRUE.equals(json.get("existing")));
  }

  /** One page of jobs, newest first, as the server wrote it (for {@code --json}). */
  String listJson(Optional<String> state, Optional<String> user, int limit, int offset) {
    List<String> parameters = new ArrayList<>();
    state.ifPresent(s -> parameters.add("state=" + encode(s)));
    user.ifPresent(u -> parameters.add("user=" + encode(u)));
    parameters.add("limit=" + limit);
    parameters.add("offset=" + offset);
    return text(send(new HttpGet(server.resolve("api/v1/jobs?" + String.join("&", parameters))), "list the jobs"));
  }

  String jobJson(String id) {
    return text(send(new HttpGet(job(id, "")), "read the job " + id));
  }

  RemoteJob job(String id) {
    return RemoteJob.of(object(send(new HttpGet(job(id, "")), "read the job " + id)));
  }

  RemoteJob cancel(String id) {
    return RemoteJob.of(object(send(new HttpPost(job(id, "/cancel")), "cancel the job " + id)));
  }

  void delete(String id) {
    send(new HttpDelete(job(id, "")), "delete the job " + id).close();
  }

  /** The job's server-sent events, open: the caller reads and closes them. */
  Answer events(String id) {
    HttpGet get = new HttpGet(job(id, "/events"));
    get.setHeader("Accept", "text/event-stream");
    return send(get, "follow the job " + id);
  }

  /**
   * The job's result from byte {@code from} on (the whole of it when 0): 200 with all of it, or 206
   * with the rest; 416 when {@code from} is at or past its end.
   */
  Answer result(String id, long from) {
    HttpGet get = new HttpGet(job(id, "/pcap"));
    if (from > 0) {
      get.setHeader("Range", "bytes=" + from + "-");
    }
    return send(get, "download the result of " + id, 416);
  }

  /** The size a 200, 206 or 416 answer says the whole file has, when it says. */
  static OptionalLong totalSize(Answer answer) {
    if (answer.status() == 206 || answer.status() == 416) {
      Optional<String> range = answer.header("Content-Range");
      if (range.isPresent() && range.get().contains("/")) {
        try {
          return OptionalLong.of(Long.parseLong(range.get().substring(range.get().lastIndexOf('/') + 1).strip()));
        } catch (NumberFormatException unknown) {
          return OptionalLong.empty(); // "*"
        }
      }
      return OptionalLong.empty();
    }
    try {
      return answer.header("Content-Length").map(Long::parseLong).map(OptionalLong::of).orElse(OptionalLong.empty());
    } catch (NumberFormatException unknown) {
      return OptionalLong.empty();
    }
  }

  private URI job(String id, String rest) {
    return server.resolve("api/v1/jobs/" + encode(id) + rest);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends {@code request}; a 2xx answer (or one of {@code alsoWanted}) is returned open.
   *
   * @param doing what the call is for, as the predicate of a sentence ("submit the job")
   */
  private Answer send(HttpUriRequestBase request, String doing, int... alsoWanted) {
    request.setHeader("Authorization", credentials.basic());
    Answer answer;
    try {
      answer = new Answer(http.executeOpen(null, request, null));
    } catch (ConnectTimeoutException timeout) {
      throw unreachable("connecting timed out");
    } catch (SocketTimeoutException timeout) {
      throw new CommandFailure(ExitCodes.FAILURE, "the server at " + server + " did not answer within " + SILENCE.toMinutes()
          + " min when asked to " + doing + "; its log may say why");
    } catch (ConnectException refused) {
      throw unreachable("connection refused");
    } catch (UnknownHostException unknown) {
      throw unreachable("no such host: " + server.getHost());
    } catch (SSLException tls) {
      throw new CommandFailure(ExitCodes.UNREACHABLE, "cannot connect securely to the server at " + server + " (" + oneLine(tls)
          + "); if it has its own certificate authority, give its certificate with --cacert PEM");
    } catch (InterruptedIOException interrupted) {
      throw new CommandFailure(ExitCodes.FAILURE, "interrupted while waiting to " + doing);
    } catch (IOException failed) {
      throw unreachable(oneLine(failed));
    }
    int status = answer.status();
    if (status / 100 == 2) {
      return answer;
    }
    for (int wanted : alsoWanted) {
      if (status == wanted) {
        return answer;
      }
    }
    try (answer) {
      throw refusal(answer, doing);
    }
  }

  private CommandFailure unreachable(String why) {
    return new CommandFailure(ExitCodes.UNREACHABLE, "cannot reach the server at " + server + " (" + why
        + "); check --server or DOCKET_SERVER, and that docket serve runs there");
  }

  /** A server's error answer as one line with the exit code for its kind. */
  private CommandFailure refusal(Answer answer, String doing) {
    int status = answer.status();
    Map<?, ?> error = errorBody(answer);
    String detail = error.get("detail") instanceof String text ? text : "HTTP " + status;
    return switch (status) {
      case 401, 403 -> new CommandFailure(ExitCodes.AUTH_REFUSED, "the server at " + server + " refused the credentials of user "
          + credentials.user() + " from " + credentials.origin() + " (" + status + ": " + detail + "); set "
          + Credentials.USER + "/" + Credentials.PASSWORD + " or ~/.netrc (or give --netrc FILE)");
      case 400 -> new CommandFailure(ExitCodes.USAGE, "the server refused to " + doing + ": " + detail
          + (error.get("column") instanceof Number column && !detail.contains("column") ? " (at column " + column + " of the query)" : ""));
      case 413 -> new CommandFailure(ExitCodes.USAGE, "the server refused to " + doing + ": " + detail
          + "; narrow the query (a shorter time window, a host) or give --accept-large");
      case 404 -> detail.startsWith("no such route")
          ? new CommandFailure(ExitCodes.FAILURE, "the server at " + server + " has no Docket API there (" + detail
              + "); give --server with the base path the server runs under, such as https://host/app/docket/")
          : new CommandFailure(ExitCodes.FAILURE, "could not " + doing + ": " + detail
              + " on the server at " + server + " (deleted, expired from the list, or another user's); docket jobs list shows yours");
      default -> new CommandFailure(ExitCodes.FAILURE, "the server at " + server + " failed to " + doing + " (" + status + ": " + detail + ")");
    };
  }

  private static Map<?, ?> errorBody(Answer answer) {
    try (InputStream body = answer.body()) {
      Object json = JSON.std.anyFrom(new String(body.readNBytes(MOST_ERROR_BYTES), StandardCharsets.UTF_8));
      return json instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException | RuntimeException notJson) {
      return Map.of(); // a proxy's HTML page: the status says enough
    }
  }

  private Map<?, ?> object(Answer answer) {
    String text = text(answer);
    try {
      if (JSON.std.anyFrom(text) instanceof Map<?, ?> map) {
        return map;
      }
    } catch (IOException notJson) {
      // Said below.
    }
    throw new CommandFailure(ExitCodes.FAILURE, "the server at " + server + " answered with something other than a JSON object; "
        + "check that --server names a Docket server");
  }

  private String text(Answer answer) {
    try (answer; InputStream body = answer.body()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException cut) {
      throw new CommandFailure(ExitCodes.UNREACHABLE, "the server at " + server + " broke off its answer (" + oneLine(cut) + "); try again");
    }
  }

  static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
