package dev.docket.stenographer;

import dev.docket.stenographer.PemFiles.PemException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context for one sensor: Docket's client certificate and key, and only the sensor's CA trusted. */
final class MutualTls {
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
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new ClientKeyManager(key, chain)}, trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new PemException("cannot set up TLS with " + settings.cert() + ", " + settings.key() + " and " + settings.ca() + ": " + e.getMessage());
    }
  }
}
