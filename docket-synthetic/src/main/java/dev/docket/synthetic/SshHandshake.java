package dev.docket.synthetic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The cleartext start of an SSH session (RFC 4253): the version banners and the KEXINIT binary
 * packets. Everything after the key exchange is encrypted, so sessions continue with opaque bytes.
 */
final class SshHandshake {
  static final byte[] CLIENT_BANNER = "SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SERVER_BANNER =
      "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n".getBytes(StandardCharsets.US_ASCII);

  private static final int MESSAGE_KEXINIT = 20;
  private static final String[] NAME_LISTS = {
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,diffie-hellman-group14-sha256",
    "ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
    "chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr,aes128-gcm@openssh.com",
    "chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr,aes128-gcm@openssh.com",
    "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
    "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
    "none,zlib@openssh.com",
    "none,zlib@openssh.com",
    "",
    ""
  };

  private SshHandshake() {}

  /** A KEXINIT binary packet: random cookie, the ten algorithm name-lists, padded to 8 bytes. */
  static byte[] kexInit(SplittableRandom random) {
    ByteBuffer payload = ByteBuffer.allocate(1024);
    payload.put((byte) MESSAGE_KEXINIT);
    payload.putLong(random.nextLong()).putLong(random.nextLong()); // cookie
    for (String list : NAME_LISTS) {
      byte[] names = list.getBytes(StandardCharsets.US_ASCII);
      payload.putInt(names.length).put(names);
    }
    payload.put((byte) 0).putInt(0); // first_kex_packet_follows, reserved
    int payloadLength = payload.position();
    // packet_length, padding_length, payload and padding come to a multiple of 8, padding >= 4.
    int padding = 8 - (4 + 1 + payloadLength) % 8;
    padding = padding < 4 ? padding + 8 : padding;
    ByteBuffer packet = ByteBuffer.allocate(4 + 1 + payloadLength + padding);
    packet.putInt(1 + payloadLength + padding).put((byte) padding);
    packet.put(payload.array(), 0, payloadLength);
    return packet.array(); // padding left zero
  }
}
