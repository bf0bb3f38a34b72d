package dev.docket.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Every error the server sends: {@code {"error": short, "detail": one clear line}}, as JSON. */
final class ErrorBody {
  private ErrorBody() {}

  static MutableHttpResponse<String> response(HttpStatus status, String error, String detail) {
    return response(status, error, detail, null);
  }

  /** @param field the request's field at fault, when one is: {@code "field": "bpf"} */
  static MutableHttpResponse<String> response(HttpStatus status, String error, String detail, @Nullable String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    if (field != null) {
      body.put("field", field);
    }
    return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(body));
  }
}
