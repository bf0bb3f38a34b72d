package dev.docket.synthetic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * TLS 1.3 records as a browser and server send them (RFC 8446): a ClientHello with SNI, ALPN and an
 * x25519 key share; the server's ServerHello, ChangeCipherSpec and first encrypted record; and the
 * application-data record headers that frame encrypted bytes. Encrypted contents come from {@link
 * PayloadBytes#OPAQUE}, which looks like ciphertext.
 */
final class TlsHandshake {
  /** The largest TLS 1.3 ciphertext: 2^14 bytes of plaintext, a content type and a 16-byte tag. */
  static final int MAX_ENCRYPTED_RECORD = (1 << 14) + 17;

  static final int RECORD_HEADER_LENGTH = 5;
  private static final int CONTENT_CHANGE_CIPHER_SPEC = 20;
  private static final int CONTENT_HANDSHAKE = 22;
  private static final int CONTENT_APPLICATION_DATA = 23;
  private static final int HANDSHAKE_CLIENT_HELLO = 1;
  private static final int HANDSHAKE_SERVER_HELLO = 2;
  private static final int[] CIPHER_SUITES = {
    0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C,
    0x009D, 0x002F, 0x0035
  };

  private TlsHandshake() {}

  /** A complete ClientHello record for {@code serverName}. */
  static byte[] clientHello(String serverName, SplittableRandom random) {
    byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(1024);
    int record = startRecord(out, CONTENT_HANDSHAKE, 0x0301); // 1.0 in the record, as browsers send
    int handshake = startHandshake(out, HANDSHAKE_CLIENT_HELLO);
    out.putShort((short) 0x0303);
    putRandom(out, random, 32);
    out.put((byte) 32);
    putRandom(out, random, 32); // legacy session id
    out.putShort((short) (CIPHER_SUITES.length * 2));
    for (int suite : CIPHER_SUITES) {
      out.putShort((short) suite);
    }
    out.put((byte) 1).put((byte) 0); // compression: null only
    int extensions = out.position();
    out.putShort((short) 0);
    out.putShort((short) 0x0000).putShort((short) (name.length + 5)); // server_name
    out.putShort((short) (name.length + 3)).put((byte) 0).putShort((short) name.length).put(name);
    out.putShort((short) 0x000A).putShort((short) 8).putShort((short) 6); // supported_groups
    out.putShort((short) 0x001D).putShort((short) 0x0017).putShort((short) 0x0018);
    out.putShort((short) 0x000B)
        .putShort((short) 2)
        .put((byte) 1)
        .put((byte) 0); // ec_point_formats
    out.putShort((short) 0x000D).putShort((short) 10).putShort((short) 8); // signature_algorithms
    out.putShort((short) 0x0403)
        .putShort((short) 0x0804)
        .putShort((short) 0x0401)
        .putShort((short) 0x0503);
    out.putShort((short) 0x0010).putShort((short) 14).putShort((short) 12); // ALPN: h2, http/1.1
    out.put((byte) 2).put("h2".getBytes(StandardCharsets.US_ASCII));
    out.put((byte) 8).put("http/1.1".getBytes(StandardCharsets.US_ASCII));
    out.putShort((short) 0x002B).putShort((short) 5).put((byte) 4); // supported_versions
    out.putShort((short) 0x0304).putShort((short) 0x0303);
    out.putShort((short) 0x002D)
        .putShort((short) 2)
        .put((byte) 1)
        .put((byte) 1); // psk_key_exchange_modes
    out.putShort((short) 0x0033).putShort((short) 38).putShort((short) 36); // key_share: x25519
    out.putShort((short) 0x001D).putShort((short) 32);
    putRandom(out, random, 32);
    out.putShort(extensions, (short) (out.position() - extensions - 2));
    endHandshake(out, handshake);
    endRecord(out, record);
    return bytes(out);
  }

  /**
   * The head of the server's first flight: ServerHello, ChangeCipherSpec, and the header of an
   * encrypted record of {@code encryptedLength} bytes (certificate, verify, finished) that follows.
   */
  static byte[] serverFlightHead(SplittableRandom random, int encryptedLength) {
    ByteBuffer out = ByteBuffer.allocate(256);
    int record = startRecord(out, CONTENT_HANDSHAKE, 0x0303);
    int handshake = startHandshake(out, HANDSHAKE_SERVER_HELLO);
    out.putShort((short) 0x0303);
    putRandom(out, random, 32);
    out.put((byte) 32);
    putRandom(out, random, 32); // echoes the client's legacy session id in spirit
    out.putShort((short) 0x1301).put((byte) 0); // TLS_AES_128_GCM_SHA256, no compression
    out.putShort((short) 46);
    out.putShort((short) 0x002B).putShort((short) 2).putShort((short) 0x0304);
    out.putShort((short) 0x0033).putShort((short) 36).putShort((short) 0x001D).putShort((short) 32);
    putRandom(out, random, 32);
    endHandshake(out, handshake);
    endRecord(out, record);
    out.put((byte) CONTENT_CHANGE_CIPHER_SPEC)
        .putShort((short) 0x0303)
        .putShort((short) 1)
        .put((byte) 1);
    out.put(applicationDataHeader(encryptedLength));
    return bytes(out);
  }

  /** The header of an application-data record of {@code length} encrypted bytes. */
  static byte[] applicationDataHeader(int length) {
    if (length > MAX_ENCRYPTED_RECORD) {
      throw new IllegalArgumentException("TLS record of " + length + " bytes");
    }
    return new byte[] {CONTENT_APPLICATION_DATA, 0x03, 0x03, (byte) (length >>> 8), (byte) length};
  }

  private static int startRecord(ByteBuffer out, int contentType, int version) {
    out.put((byte) contentType).putShort((short) version);
    int lengthAt = out.position();
    out.putShort((short) 0);
    return lengthAt;
  }

  private static void endRecord(ByteBuffer out, int lengthAt) {
    out.putShort(lengthAt, (short) (out.position() - lengthAt - 2));
  }

  private static int startHandshake(ByteBuffer out, int type) {
    int typeAt = out.position();
    out.putInt(type << 24); // type and a 24-bit length, filled in at the end
    return typeAt;
  }

  private static void endHandshake(ByteBuffer out, int typeAt) {
    int length = out.position() - typeAt - 4;
    out.putInt(typeAt, out.get(typeAt) << 24 | length);
  }

  private static void putRandom(ByteBuffer out, SplittableRandom random, int count) {
    for (int i = 0; i < count; i += 8) {
      out.putLong(random.nextLong());
    }
  }

  private static byte[] bytes(ByteBuffer out) {
    byte[] bytes = new byte[out.position()];
    out.get(0, bytes);
    return bytes;
  }
}
