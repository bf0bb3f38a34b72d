package dev.docket.synthetic;

import dev.docket.query.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds well-formed DNS messages (RFC 1035): a recursive query, and its answer or NXDOMAIN. */
final class DnsMessage {
  static final int TYPE_A = 1;
  static final int TYPE_AAAA = 28;
  static final int TYPE_TXT = 16;
  private static final int CLASS_IN = 1;
  private static final int FLAGS_QUERY = 0x0100; // RD
  private static final int FLAGS_ANSWER = 0x8180; // QR, RD, RA
  private static final int RCODE_NAME_ERROR = 3;
  private static final int POINTER_TO_QUESTION_NAME = 0xC00C; // the name right after the header

  private DnsMessage() {}

  static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    header(out, id, FLAGS_QUERY, 0);
    question(out, name, type);
    return out.toByteArray();
  }

  /**
   * The answer to {@link #query}: one record of {@code address}, whose version must match the type.
   */
  static byte[] answer(int id, String name, int type, IpAddress address, int ttl) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    header(out, id, FLAGS_ANSWER, 1);
    question(out, name, type);
    u16(out, POINTER_TO_QUESTION_NAME);
    u16(out, type);
    u16(out, CLASS_IN);
    u16(out, ttl >>> 16);
    u16(out, ttl);
    byte[] data = address.toBytes();
    u16(out, data.length);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** The answer to a TXT {@link #query}: one record of {@code text}, at most 255 ASCII bytes. */
  static byte[] textAnswer(int id, String name, String text, int ttl) {
    byte[] data = text.getBytes(StandardCharsets.US_ASCII);
    if (data.length > 255) {
      throw new IllegalArgumentException("a TXT string holds at most 255 bytes, not " + data.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    header(out, id, FLAGS_ANSWER, 1);
    question(out, name, TYPE_TXT);
    u16(out, POINTER_TO_QUESTION_NAME);
    u16(out, TYPE_TXT);
    u16(out, CLASS_IN);
    u16(out, ttl >>> 16);
    u16(out, ttl);
    u16(out, data.length + 1);
    out.write(data.length);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** The name does not exist: the question echoed with no answer. */
  static byte[] nameError(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    header(out, id, FLAGS_ANSWER | RCODE_NAME_ERROR, 0);
    question(out, name, type);
    return out.toByteArray();
  }

  private static void header(ByteArrayOutputStream out, int id, int flags, int answers) {
    u16(out, id);
    u16(out, flags);
    u16(out, 1); // questions
    u16(out, answers);
    u16(out, 0); // authority records
    u16(out, 0); // additional records
  }

  private static void question(ByteArrayOutputStream out, String name, int type) {
    for (String label : name.split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.write(0);
    u16(out, type);
    u16(out, CLASS_IN);
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }
}
