package dev.docket.stenographer;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HttpClientHostnameVerifier;

/**
 * HttpClient's hostname check, with a failure that says what is wrong in words the fix follows from:
 * certificates from Stenographer's stenokeys have no subjectAltName at all, which Java rejects.
 */
final class SubjectAltNameVerifier implements HttpClientHostnameVerifier {
  private static final DefaultHostnameVerifier DEFAULT = new DefaultHostnameVerifier();

  @Override
  public void verify(String host, X509Certificate certificate) throws SSLException {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      names = null;
    }
    if (names == null || names.isEmpty()) {
      throw new SSLPeerUnverifiedException("server certificate has no subjectAltName for " + host);
    }
    try {
      DEFAULT.verify(host, certificate);
    } catch (SSLException e) {
      throw new SSLPeerUnverifiedException("server certificate does not name " + host + " (it names " + names.stream().map(name -> String.valueOf(name.get(1))).toList() + ")");
    }
  }

  @Override
  public boolean verify(String host, SSLSession session) {
    try {
      verify(host, (X509Certificate) session.getPeerCertificates()[0]);
      return true;
    } catch (SSLException e) {
      return false;
    }
  }
}
