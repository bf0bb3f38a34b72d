package dev.docket.stenographer;

import dev.docket.stenographer.PemFiles.PemException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context for one sensor: Docket's client certificate and key, and only the sensor's CA trusted. */
final class MutualTls {
  private static final char[] IN_MEMORY = "docket".toCharArray();

  private MutualTls() {}

  static SSLContext context(StenographerSettings settings) throws PemException {
    List<X509Certificate> chain = PemFiles.certificates(settings.cert(), "client certificate");
    PrivateKey key = PemFiles.privateKey(settings.key());
    List<X509Certificate> authorities = PemFiles.certificates(settings.ca(), "CA certificate");
    // As KeyStore.PrivateKeyEntry checks: the key must be of the certificate's kind.
    if (!key.getAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())) {
      throw new PemException("cannot use client key " + settings.key() + " with certificate " + settings.cert()
          + ": private key algorithm " + key.getAlgorithm() + " does not match algorithm "
          + chain.get(0).getPublicKey().getAlgorithm() + " of public key in end entity certificate");
    }
    try {
      // JKS, in memory only: a PKCS12 store would encrypt the key as it is stored and decrypt it for
      // the key manager with 10,000 rounds of PBKDF2 each way, about a second of CPU in a JVM that
      // has just started, to protect a key that never leaves memory. JKS's key protection is one
      // cheap pass; the JDK's own key manager then chooses the certificate to present.
      KeyStore keys = KeyStore.getInstance("JKS");
      keys.load(null, null);
      keys.setKeyEntry("client", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, IN_MEMORY);

      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new PemException("cannot set up TLS with " + settings.cert() + ", " + settings.key() + " and " + settings.ca() + ": " + e.getMessage());
    }
  }
}
