package dev.docket.stenographer;

import dev.docket.pcap.CorruptCaptureException;
import dev.docket.source.SourceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.TruncatedChunkException;

/**
 * Turns what went wrong talking to a sensor into one line an analyst can act on, starting with the
 * sensor's name: what happened, in the sensor's terms, and the way out.
 */
final class Diagnosis {
  private final StenographerSettings settings;

  Diagnosis(StenographerSettings settings) {
    this.settings = settings;
  }

  SourceException failure(String message) {
    return new SourceException(settings.name(), message);
  }

  /** A failure to get an answer started: connecting, the handshake, the request. */
  SourceException ofRequest(IOException e) {
    String address = settings.address();
    if (e instanceof SourceException source) {
      return source;
    }
    if (e instanceof ConnectTimeoutException) {
      return failed("no answer from " + address + " within " + Durations.text(settings.connectTimeout())
          + " (connect timeout); check the address, the firewall and that the sensor is up", e);
    }
    if (e instanceof HttpHostConnectException || e instanceof ConnectException) {
      if (e.getCause() instanceof NoRouteToHostException || e instanceof HttpHostConnectException && String.valueOf(e.getMessage()).contains("No route")) {
        return failed("no route to " + address + "; check the address and the network", e);
      }
      return failed("connection refused by " + address + "; is Stenographer running and listening there?", e);
    }
    if (e instanceof NoRouteToHostException) {
      return failed("no route to " + address + "; check the address and the network", e);
    }
    if (e instanceof UnknownHostException) {
      return failed("unknown host " + settings.host() + "; check the sensor's host", e);
    }
    if (e instanceof SSLException ssl) {
      return ofTls(ssl);
    }
    if (e instanceof java.net.SocketException) {
      // With TLS 1.3 the client's handshake ends before the server checks its certificate; a
      // sensor that rejects it just drops the connection, and the request fails to be written.
      return failed("TLS handshake failed: the sensor dropped the connection (" + describe(e)
          + ") as it does when it rejects Docket's client certificate " + settings.cert()
          + "; use a certificate signed by the sensor's CA (its ca_cert.pem)", e);
    }
    if (e instanceof SocketTimeoutException) {
      return failed("no answer within " + Durations.text(settings.idleTimeout())
          + " (idle timeout); the sensor is busy or stuck — raise idle-timeout for slow queries", e);
    }
    return failed("request to " + address + " failed: " + describe(e), e);
  }

  private SourceException ofTls(SSLException e) {
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (e instanceof SSLPeerUnverifiedException && lower.contains("subjectaltname")) {
      return failed("TLS handshake failed: " + message
          + "; set verify-hostname: false for this sensor or reissue the certificate", e);
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return failed("TLS handshake failed: " + message + " (" + settings.address()
          + "); fix the sensor's host, set verify-hostname: false for this sensor, or reissue the certificate", e);
    }
    if (causedBy(e, CertPathValidatorException.class) || lower.contains("pkix")
        || causedBy(e, CertificateException.class)) {
      return failed("TLS handshake failed: the sensor's server certificate is not signed by the CA in "
          + settings.ca() + "; set ca: to the sensor's ca_cert.pem", e);
    }
    if (lower.contains("bad_certificate") || lower.contains("unknown_ca") || lower.contains("certificate_required")
        || lower.contains("certificate_unknown") || lower.contains("bad certificate")) {
      return failed("TLS handshake failed: the sensor rejected Docket's client certificate " + settings.cert()
          + "; use a certificate signed by the sensor's CA (its ca_cert.pem)", e);
    }
    return failed("TLS handshake failed with " + settings.address() + ": " + message, e);
  }

  /** A failure while the answer streams in: what arrived before it stays in the result. */
  SourceException ofAnswer(IOException e, long packets) {
    if (e instanceof SourceException source) {
      return source;
    }
    String kept = " after " + packets + " packets; the result keeps those";
    if (e instanceof SocketTimeoutException) {
      return failed("answer stalled for " + Durations.text(settings.idleTimeout()) + " (idle timeout)" + kept
          + "; raise idle-timeout for slow queries", e);
    }
    if (e instanceof ConnectionClosedException || e instanceof TruncatedChunkException
        || e instanceof MalformedChunkCodingException || e instanceof CorruptCaptureException
        || e instanceof java.net.SocketException || e instanceof java.io.EOFException || e instanceof SSLException) {
      return failed("answer cut short" + kept + " (" + describe(e) + ")", e);
    }
    if (e instanceof InterruptedIOException) {
      return failed("interrupted" + kept, e);
    }
    return failed("answer failed" + kept + ": " + describe(e), e);
  }

  private SourceException failed(String message, Throwable cause) {
    return new SourceException(settings.name(), message, cause);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
