package dev.docket.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The blocks that message bodies are cut from, so that a segment's payload is one array copy rather
 * than per-byte work. Shared and never written to.
 */
final class PayloadBytes {
  /** 64 KiB of random bytes: what encrypted data (TLS, SSH) and binary protocols look like. */
  static final byte[] OPAQUE = opaque();

  /** HTML text, for HTTP response bodies that a capture reader can read. */
  static final byte[] HTML = html();

  private PayloadBytes() {}

  private static byte[] opaque() {
    byte[] bytes = new byte[1 << 16];
    new SplittableRandom(0x5EED_B10C).nextBytes(bytes); // fixed: the same for every seed
    return bytes;
  }

  private static byte[] html() {
    String[] words = {
      "capture", "packet", "network", "sensor", "analyst", "incident", "timeline", "query", "merge",
      "host", "port", "window", "stream", "evidence", "alert", "session", "traffic", "report"
    };
    SplittableRandom random = new SplittableRandom(0x47AB_1E);
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">");
    html.append("<title>Example</title></head>\n<body>\n");
    while (html.length() < 16_000) {
      html.append("<p>");
      int sentence = 8 + random.nextInt(24);
      for (int i = 0; i < sentence; i++) {
        html.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      }
      html.append(".</p>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
