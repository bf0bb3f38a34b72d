package dev.docket.stenographer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A throwaway self-signed EC certificate and its key, made fresh for each {@link TrainingSensor} so
 * that it can speak mutual TLS without a certificate kept in the source tree or a tool such as
 * openssl. The one certificate is the sensor's, the client's and the CA.
 *
 * <p>An X.509 version 1 certificate (no extensions) is the least DER that the JDK accepts both as a
 * trust anchor and as an end-entity certificate; it is valid from a day ago to a day ahead.
 */
record TrainingCertificate(KeyPair keys, byte[] certificate) {
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

  static TrainingCertificate create() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    byte[] algorithm = Der.sequence(Der.objectIdentifier(ECDSA_WITH_SHA256));
    byte[] name = Der.sequence(Der.element(0x31, Der.sequence(Der.objectIdentifier(COMMON_NAME), Der.element(0x0c, "docket training".getBytes(StandardCharsets.UTF_8)))));
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    byte[] validity = Der.sequence(utcTime(now.minusDays(1)), utcTime(now.plusDays(1)));
    byte[] toBeSigned = Der.sequence(Der.element(0x02, BigInteger.ONE.toByteArray()), algorithm, name, validity, name, keys.getPublic().getEncoded());
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(toBeSigned);
    byte[] signature = signer.sign();
    byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
    System.arraycopy(signature, 0, bits, 1, signature.length);
    return new TrainingCertificate(keys, Der.sequence(toBeSigned, algorithm, Der.element(0x03, bits)));
  }

  String certificatePem() {
    return pem("CERTIFICATE", certificate);
  }

  String privateKeyPem() {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] utcTime(ZonedDateTime time) {
    return Der.element(0x17, UTC_TIME.format(time).getBytes(StandardCharsets.US_ASCII));
  }
}
