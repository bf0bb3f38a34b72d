package dev.docket.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.commons.codec.digest.Md5Crypt;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The password hashes of an Apache htpasswd file that Docket accepts: bcrypt ({@code $2y$} as
 * {@code htpasswd -B} writes it, {@code $2b$}, {@code $2a$}), apr1-MD5 ({@code openssl passwd -apr1},
 * the original Docket's lighttpd) and {@code {SHA}}. Anything else (crypt(3), plain text) never
 * matches: it is refused when the file is read.
 */
enum PasswordHash {
  BCRYPT {
    @Override
    boolean matches(String stored, String password) {
      try {
        return BCrypt.checkpw(password, stored);
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    }
  },
  APR1 {
    @Override
    boolean matches(String stored, String password) {
      // The stored hash is its own salt: apr1Crypt reads "$apr1$salt$" from it.
      String computed;
      try {
        computed = Md5Crypt.apr1Crypt(password.getBytes(StandardCharsets.UTF_8), stored);
      } catch (IllegalArgumentException malformed) {
        return false;
      }
      return constantTimeEquals(computed, stored);
    }
  },
  SHA1 {
    @Override
    boolean matches(String stored, String password) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        return constantTimeEquals("{SHA}" + Base64.getEncoder().encodeToString(digest), stored);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no SHA-1", e);
      }
    }
  };

  /** The scheme of {@code stored}, or null when Docket does not accept it. */
  static @org.jspecify.annotations.Nullable PasswordHash of(String stored) {
    if (stored.startsWith("$2y$") || stored.startsWith("$2b$") || stored.startsWith("$2a$")) {
      return BCRYPT;
    }
    if (stored.startsWith("$apr1$")) {
      return APR1;
    }
    if (stored.startsWith("{SHA}")) {
      return SHA1;
    }
    return null;
  }

  /** Whether {@code password} hashes to {@code stored}, in time that does not tell how close it was. */
  abstract boolean matches(String stored, String password);

  /** A new bcrypt hash of {@code password} as Apache's {@code htpasswd -B} writes it ({@code $2y$}, cost 10). */
  static String bcrypt(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt("$2y", 10));
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
