package dev.docket.web;

import io.micronaut.http.HttpStatus;

/**
 * A request the server answers with an error: its status and the JSON body's two lines. Thrown by
 * controllers, turned into {@code {"error": ..., "detail": ...}} by {@link ApiErrors}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String error;

  ApiException(HttpStatus status, String error, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.error = error;
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

  String detail() {
    return getMessage();
  }
}
