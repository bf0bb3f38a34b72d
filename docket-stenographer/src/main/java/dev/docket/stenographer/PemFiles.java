package dev.docket.stenographer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys from the PEM files Stenographer lays out (and openssl writes):
 * keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE
 * KEY}), unencrypted. Failures are {@link PemException}s saying which file and what to do.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final byte[] RSA_ENCRYPTION = Der.objectIdentifier("1.2.840.113549.1.1.1");
  private static final byte[] EC_PUBLIC_KEY = Der.objectIdentifier("1.2.840.10045.2.1");

  private PemFiles() {}

  /** A PEM file that cannot be used; the message says which file, what is wrong and what to do. */
  static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
      super(message);
    }
  }

  static List<X509Certificate> certificates(Path file, String role) throws PemException {
    byte[] bytes = read(file, role);
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory.generateCertificates(new ByteArrayInputStream(bytes)).forEach(c -> certificates.add((X509Certificate) c));
      if (certificates.isEmpty()) {
        throw new PemException(role + " " + file + " holds no certificate; expected a PEM 'BEGIN CERTIFICATE' block");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new PemException(role + " " + file + " is not a PEM certificate (" + e.getMessage() + ")");
    }
  }

  static PrivateKey privateKey(Path file) throws PemException {
    String text = new String(read(file, "client key"), StandardCharsets.US_ASCII);
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      String type = block.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(block.group(2));
      } catch (IllegalArgumentException e) {
        throw new PemException("client key " + file + " has a damaged '" + type + "' block");
      }
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(file, der, "RSA", "EC", "Ed25519", "Ed448");
        case "RSA PRIVATE KEY":
          return pkcs8(file, Der.sequence(Der.integerZero(), Der.sequence(RSA_ENCRYPTION, Der.nul()), Der.octetString(der)), "RSA");
        case "EC PRIVATE KEY":
          byte[] curve = Der.ecCurve(der);
          if (curve.length == 0) {
            throw new PemException("client key " + file + " does not name its curve; convert it with 'openssl pkcs8 -topk8 -nocrypt'");
          }
          return pkcs8(file, Der.sequence(Der.integerZero(), Der.sequence(EC_PUBLIC_KEY, curve), Der.octetString(der)), "EC");
        case "ENCRYPTED PRIVATE KEY":
          throw new PemException("client key " + file + " is encrypted; decrypt it with 'openssl pkcs8 -topk8 -nocrypt'");
        default:
          // Some files carry parameters or certificates next to the key: look further.
      }
    }
    throw new PemException("client key " + file + " holds no private key; expected a PEM 'BEGIN PRIVATE KEY' block");
  }

  private static PrivateKey pkcs8(Path file, byte[] der, String... algorithms) throws PemException {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // Not this algorithm: try the next.
      }
    }
    throw new PemException("client key " + file + " is not an RSA, EC or EdDSA private key Java can read");
  }

  private static byte[] read(Path file, String role) throws PemException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PemException(role + " " + file + " does not exist");
    } catch (IOException e) {
      throw new PemException("cannot read " + role + " " + file + ": " + e.getMessage());
    }
  }
}
