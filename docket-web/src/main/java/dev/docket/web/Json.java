package dev.docket.web;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The API's documents as plain maps and lists, through jackson-jr as the job records are: each
 * document's shape is written down in one class, and no reflection over our types decides it.
 */
final class Json {
  private Json() {}

  static String write(Object document) {
    try {
      return JSON.std.asString(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A request body that must be one JSON object.
   *
   * @throws ApiException 400 naming what is wrong with it
   */
  static Map<String, Object> readObject(String text) {
    if (text.isBlank()) {
      throw ApiException.badRequest("the request has no body; send a JSON object such as {\"query\": \"host 10.0.0.1\"}");
    }
    try {
      Object value = JSON.std.anyFrom(text);
      if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
      }
      throw ApiException.badRequest("the body must be a JSON object, such as {\"query\": \"host 10.0.0.1\"}");
    } catch (IOException e) {
      throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
