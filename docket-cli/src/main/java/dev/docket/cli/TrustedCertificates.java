package dev.docket.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --cacert PEM}: the certificates that vouch for a server with its own certificate authority
 * (or a self-signed certificate), trusted instead of the JDK's, as curl's {@code --cacert} does.
 * Host names are still checked against the certificate.
 */
final class TrustedCertificates {
  private TrustedCertificates() {}

  /** @throws CommandFailure exit 2 naming the file when it holds no certificate it can read */
  static SSLContext from(Path pem) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException missing) {
      throw new CommandFailure(ExitCodes.USAGE, "--cacert " + pem + ": no such file; give the PEM file of the server's certificate authority");
    } catch (IOException | GeneralSecurityException unreadable) {
      throw new CommandFailure(ExitCodes.USAGE, "--cacert " + pem + ": not a PEM certificate (" + unreadable.getMessage()
          + "); give the file that begins -----BEGIN CERTIFICATE-----");
    }
    if (certificates.isEmpty()) {
      throw new CommandFailure(ExitCodes.USAGE, "--cacert " + pem + ": holds no certificate; give the file that begins -----BEGIN CERTIFICATE-----");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + n++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException impossible) {
      throw new IllegalStateException("the JDK cannot build a TLS context: " + impossible.getMessage(), impossible);
    }
  }
}
