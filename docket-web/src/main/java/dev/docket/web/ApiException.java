package dev.docket.web;

import io.micronaut.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * A request the server answers with an error: its status and the JSON body's two lines. Thrown by
 * controllers, turned into {@code {"error": ..., "detail": ...}} by {@link ApiErrors}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String error;
  private final @Nullable String field;

  ApiException(HttpStatus status, String error, String detail) {
    this(status, error, detail, null);
  }

  /** @param field the request's field at fault, said in the body as {@code "field"} so that a form can mark it */
  ApiException(HttpStatus status, String error, String detail, @Nullable String field) {
    super(detail, null, false, false);
    this.status = status;
    this.error = error;
    this.field = field;
  }

  static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "not found", what);
  }

  static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "bad request", detail);
  }

  HttpStatus status() {
    return status;
  }

  String error() {
    return error;
  }

  @Nullable String field() {
    return field;
  }

  String detail() {
    return getMessage();
  }
}
