package dev.docket.stenographer;

import com.google.common.primitives.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * Just enough DER to wrap a PKCS#1 or SEC1 private key in the PKCS#8 envelope Java's key factories
 * read: encoding a few element types, and finding a SEC1 key's curve.
 */
final class Der {
  private Der() {}

  /** A SEQUENCE of the given encoded elements. */
  static byte[] sequence(byte[]... elements) {
    return element(0x30, Bytes.concat(elements));
  }

  static byte[] integerZero() {
    return new byte[] {0x02, 0x01, 0x00};
  }

  static byte[] nul() {
    return new byte[] {0x05, 0x00};
  }

  static byte[] octetString(byte[] content) {
    return element(0x04, content);
  }

  /** An OBJECT IDENTIFIER from its dotted form, such as {@code 1.2.840.10045.4.3.2}. */
  static byte[] objectIdentifier(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        out.write((int) ((arc >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
      }
    }
    return element(0x06, out.toByteArray());
  }

  /**
   * The curve's object identifier (a whole DER element) from a SEC1 {@code ECPrivateKey}: SEQUENCE
   * { version, privateKey OCTET STRING, [0] parameters, [1] publicKey }; empty when it has none.
   */
  static byte[] ecCurve(byte[] sec1) {
    int[] at = {0};
    if (sec1.length < 2 || sec1[0] != 0x30) {
      return new byte[0];
    }
    at[0] = 1;
    length(sec1, at);
    while (at[0] < sec1.length) {
      int tag = sec1[at[0]++] & 0xff;
      int length = length(sec1, at);
      if (length < 0 || at[0] + length > sec1.length) {
        return new byte[0];
      }
      if (tag == 0xa0 && length > 2 && sec1[at[0]] == 0x06) {
        byte[] oid = new byte[length];
        System.arraycopy(sec1, at[0], oid, 0, length);
        return oid;
      }
      at[0] += length;
    }
    return new byte[0];
  }

  private static int length(byte[] der, int[] at) {
    if (at[0] >= der.length) {
      return -1;
    }
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int count = first & 0x7f;
    if (count > 3 || at[0] + count > der.length) {
      return -1;
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
  }

  /** An element of any tag with definite length: {@code tag}, the length, {@code content}. */
  static byte[] element(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int count = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | count);
      for (int i = count - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.write(content, 0, content.length);
    return out.toByteArray();
  }
}
