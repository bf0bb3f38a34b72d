package dev.docket.web;

import dev.docket.job.JobRefusedException;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.QueryParseException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error as {@code {"error": ..., "detail": ...}} with its status: ours ({@link ApiException}),
 * a query that does not parse (400, with its column), a job the service refuses, and Micronaut's own
 * (no route, wrong method, a body it cannot read). Anything unexpected is a 500 that says only that;
 * its stack trace goes to the log at DEBUG, never to a client or the log at INFO.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  @Singleton
  static final class Api implements ExceptionHandler<ApiException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
      return ErrorBody.response(exception.status(), exception.error(), exception.detail(), exception.field());
    }
  }

  @Singleton
  static final class BadQuery implements ExceptionHandler<InvalidQueryException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidQueryException exception) {
      return badQuery(exception);
    }
  }

  @Singleton
  static final class Refused implements ExceptionHandler<JobRefusedException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, JobRefusedException exception) {
      return switch (exception.reason()) {
        case BAD_REQUEST -> ErrorBody.response(HttpStatus.BAD_REQUEST, "bad request", exception.getMessage());
        case TOO_LARGE -> ErrorBody.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "query too large", exception.getMessage());
        case NO_SPACE -> ErrorBody.response(HttpStatus.INSUFFICIENT_STORAGE, "no space", exception.getMessage());
      };
    }
  }

  @Singleton
  static final class Unexpected implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
      LOG.warn("{} {} failed: {}", request.getMethod(), request.getPath(), exception.toString());
      LOG.debug("{} {} failed", request.getMethod(), request.getPath(), exception);
      return ErrorBody.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", "the server failed to answer; its log says why");
    }
  }

  /** Micronaut's own errors (404 no route, 405, 415, a body that cannot be bound), in our shape; Micronaut uses its own only when no bean does this. */
  @Singleton
  static final class Framework implements ErrorResponseProcessor<String> {
    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
      HttpStatus status = response.getStatus();
      String detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
      if (status == HttpStatus.NOT_FOUND) {
        detail = "no such route: " + context.getRequest().getPath();
      }
      String error = status.getReason().toLowerCase(java.util.Locale.ROOT);
      return ErrorBody.response(status, error, detail.lines().findFirst().orElse(error));
    }
  }

  static HttpResponse<?> badQuery(InvalidQueryException exception) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "bad query");
    body.put("detail", exception.getMessage());
    if (exception instanceof QueryParseException parse) {
      body.put("column", parse.column());
      body.put("reason", parse.reason());
    }
    return HttpResponse.status(HttpStatus.BAD_REQUEST).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE).body(Json.write(body));
  }
}
