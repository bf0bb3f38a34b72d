package dev.docket.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The calls {@code docket jobs} makes to a Docket server's REST API ({@code /api/v1/jobs}), each
 * answer turned into a {@link RemoteJob}, a stream, or a {@link CommandFailure} with the exit code
 * and the one line that says what went wrong and what to do.
 *
 * <p>The JDK's {@link HttpClient}, not Apache HttpClient 5 (which docket-stenographer uses for
 * mutual TLS): the client needs no connection pool tuning nor client certificates, only HTTP/1.1,
 * Basic authentication, a trust store, and bodies read as streams, which the JDK gives with nothing
 * added to the jar or to start-up.
 */
final class JobsClient {
  /** How long an answer's headers may take; a body (a download, an event stream) may take as long as it takes. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);
  /** The most of an error's body read: errors are one JSON line. */
  private static final int MOST_ERROR_BYTES = 64 * 1024;

  private final URI server;
  private final Credentials credentials;
  private final HttpClient http;

  JobsClient(URI server, Credentials credentials, Optional<SSLContext> tls, Duration connectTimeout) {
    this.server = server;
    this.credentials = credentials;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL);
    tls.ifPresent(builder::sslContext);
    this.http = builder.build();
  }

  URI server() {
    return server;
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
    HttpResponse<InputStream> response = send(
        api("api/v1/jobs").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), "submit the job");
    Map<?, ?> json = object(response);
    return new Submitted(RemoteJob.of(json), Boolean.TRUE.equals(json.get("existing")));
  }

  /** One page of jobs, newest first, as the server wrote it (for {@code --json}). */
  String listJson(Optional<String> state, Optional<String> user, int limit, int offset) {
    List<String> parameters = new ArrayList<>();
    state.ifPresent(s -> parameters.add("state=" + encode(s)));
    user.ifPresent(u -> parameters.add("user=" + encode(u)));
    parameters.add("limit=" + limit);
    parameters.add("offset=" + offset);
    return text(send(api("api/v1/jobs?" + String.join("&", parameters)).GET(), "list the jobs"));
  }

  String jobJson(String id) {
    return text(send(api(jobPath(id)).GET(), "read the job " + id));
  }

  RemoteJob job(String id) {
    return RemoteJob.of(object(send(api(jobPath(id)).GET(), "read the job " + id)));
  }

  RemoteJob cancel(String id) {
    return RemoteJob.of(object(send(api(jobPath(id) + "/cancel").POST(HttpRequest.BodyPublishers.noBody()), "cancel the job " + id)));
  }

  void delete(String id) {
    try (InputStream ignored = send(api(jobPath(id)).DELETE(), "delete the job " + id).body()) {
      // 204: nothing to read.
    } catch (IOException closing) {
      // The answer was read; closing it cannot fail the deletion.
    }
  }

  /** The job's server-sent events, open: the caller reads and closes them. */
  InputStream events(String id) {
    return send(api(jobPath(id) + "/events").header("Accept", "text/event-stream").GET(), "follow the job " + id).body();
  }

  /**
   * The job's result from byte {@code from} on (the whole of it when 0): 200 with all of it, or 206
   * with the rest; 416 when {@code from} is at or past its end.
   */
  HttpResponse<InputStream> result(String id, long from) {
    HttpRequest.Builder request = api(jobPath(id) + "/pcap").GET();
    if (from > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    return send(request, "download the result of " + id, 416);
  }

  /** The size a 200 or 206 answer says the whole file has, when it says. */
  static OptionalLong totalSize(HttpResponse<?> response) {
    if (response.statusCode() == 206 || response.statusCode() == 416) {
      Optional<String> range = response.headers().firstValue("Content-Range");
      if (range.isPresent() && range.get().contains("/")) {
        String total = range.get().substring(range.get().lastIndexOf('/') + 1).strip();
        try {
          return OptionalLong.of(Long.parseLong(total));
        } catch (NumberFormatException unknown) {
          return OptionalLong.empty(); // "*"
        }
      }
      return OptionalLong.empty();
    }
    return response.headers().firstValueAsLong("Content-Length");
  }

  private HttpRequest.Builder api(String path) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(ANSWER_TIMEOUT)
        .header("Authorization", credentials.basic())
        .header("User-Agent", "docket-jobs");
  }

  private static String jobPath(String id) {
    return "api/v1/jobs/" + encode(id);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends {@code request}; a 2xx answer (or one of {@code alsoWanted}) is returned open.
   *
   * @param doing what the call is for, as the start of a sentence's predicate ("submit the job")
   */
  private HttpResponse<InputStream> send(HttpRequest.Builder request, String doing, int... alsoWanted) {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException timeout) {
      throw unreachable("connecting timed out");
    } catch (HttpTimeoutException timeout) {
      throw new CommandFailure(ExitCodes.FAILURE, "the server at " + server + " did not answer within " + ANSWER_TIMEOUT.toMinutes()
          + " min when asked to " + doing + "; its log may say why");
    } catch (ConnectException refused) {
      throw unreachable(refused.getMessage() == null || refused.getMessage().isBlank() ? "connection refused" : refused.getMessage());
    } catch (SSLException tls) {
      throw new CommandFailure(ExitCodes.UNREACHABLE, "cannot connect securely to the server at " + server + " (" + oneLine(tls)
          + "); if it has its own certificate authority, give its certificate with --cacert PEM");
    } catch (IOException failed) {
      throw unreachable(oneLine(failed));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(ExitCodes.FAILURE, "interrupted while waiting to " + doing);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response;
    }
    for (int wanted : alsoWanted) {
      if (status == wanted) {
        return response;
      }
    }
    throw refusal(response, doing);
  }

  private CommandFailure unreachable(String why) {
    return new CommandFailure(ExitCodes.UNREACHABLE, "cannot reach the server at " + server + " (" + why
        + "); check --server or DOCKET_SERVER, and that docket serve runs there");
  }

  /** A server's error answer as one line with the exit code for its kind. */
  private CommandFailure refusal(HttpResponse<InputStream> response, String doing) {
    int status = response.statusCode();
    Map<?, ?> error = errorBody(response);
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
      case 409, 410 -> new CommandFailure(ExitCodes.FAILURE, "could not " + doing + ": " + detail);
      default -> new CommandFailure(ExitCodes.FAILURE, "the server at " + server + " failed to " + doing + " (" + status + ": " + detail + ")");
    };
  }

  private static Map<?, ?> errorBody(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(MOST_ERROR_BYTES);
      Object json = JSON.std.anyFrom(new String(bytes, StandardCharsets.UTF_8));
      return json instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException | RuntimeException notJson) {
      return Map.of(); // a proxy's HTML page: the status says enough
    }
  }

  private Map<?, ?> object(HttpResponse<InputStream> response) {
    String text = text(response);
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

  private String text(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
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
