package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files openssl writes: a chain under a test CA, and keys in the forms openssl writes. */
class TlsTest {
  @TempDir Path directory;

  @Test
  void servesHttpsWithAChainAndAnEcKeyAndNoPlainHttp() throws Exception {
    String openssl = ExternalTool.require("openssl", "openssl").toString();
    Path ca = directory.resolve("ca.pem");
    Path caKey = directory.resolve("ca-key.pem");
    Command.run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=Docket test CA");
    // SEC1 ("BEGIN EC PRIVATE KEY"), as 'openssl ecparam -genkey' writes it.
    Path key = directory.resolve("server-key.pem");
    Command.run(openssl, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
    assertThat(Files.readString(key)).contains("BEGIN EC PRIVATE KEY");
    Path request = directory.resolve("server.csr");
    Command.run(openssl, "req", "-new", "-key", key.toString(), "-out", request.toString(), "-subj", "/CN=127.0.0.1");
    Path extensions = Files.writeString(directory.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    Path leaf = directory.resolve("server.pem");
    Command.run(openssl, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(), "-CAcreateserial",
        "-out", leaf.toString(), "-days", "2", "-extfile", extensions.toString());
    // The chain file: the server's certificate, then the CA's; the client trusts only the CA.
    Path chain = Files.writeString(directory.resolve("chain.pem"), Files.readString(leaf) + Files.readString(ca));

    try (ServerFixture server = ServerFixture.start(directory, List.of(store()), settings -> settings.withTls(new ServerSettings.Tls(chain, key)))) {
      URI uri = server.server.uri();
      assertThat(uri.getScheme()).isEqualTo("https");
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(ca)).connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response = trusting.send(server.request("api/v1/sources", "alice").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).startsWith("{");

      // A client that does not trust the CA is refused in the handshake.
      assertThatThrownBy(() -> server.send(server.request("api/v1/sources", "alice").build())).isInstanceOf(SSLHandshakeException.class);
      // Plain HTTP on the same port gets no HTTP answer, and no other port is opened for it.
      HttpRequest plain = server.request("api/v1/sources", "alice").uri(URI.create("http://127.0.0.1:" + uri.getPort() + "/api/v1/sources")).build();
      assertThatThrownBy(() -> server.send(plain)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void servesHttpsWithAPkcs8RsaKey() throws Exception {
    String openssl = ExternalTool.require("openssl", "openssl").toString();
    Path key = directory.resolve("key.pem");
    Path certificate = directory.resolve("certificate.pem");
    Command.run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", certificate.toString(),
        "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    assertThat(Files.readString(key)).contains("BEGIN PRIVATE KEY");
    try (ServerFixture server = ServerFixture.start(directory, List.of(store()), settings -> settings.withTls(new ServerSettings.Tls(certificate, key)))) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
      assertThat(trusting.send(server.request("api/v1/jobs", "bob").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(trusting.send(server.request("api/v1/jobs", "nobody").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aRenewedCertificateIsServedWithoutARestart() throws Exception {
    String openssl = ExternalTool.require("openssl", "openssl").toString();
    Path key = directory.resolve("key.pem");
    Path certificate = directory.resolve("certificate.pem");
    selfSigned(openssl, key, certificate, "old");
    try (ServerFixture server = ServerFixture.start(directory, List.of(store()), settings -> settings.withTls(new ServerSettings.Tls(certificate, key)))) {
      assertThat(servedName(server, certificate)).contains("CN=old");
      // Renewed in place, as certbot or an operator does: new files at the same paths.
      Path renewedKey = directory.resolve("renewed-key.pem");
      Path renewed = directory.resolve("renewed.pem");
      selfSigned(openssl, renewedKey, renewed, "renewed");
      Files.move(renewedKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.move(renewed, certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      long deadline = System.nanoTime() + 30_000_000_000L;
      String name = "";
      while (System.nanoTime() < deadline) {
        try {
          name = servedName(server, certificate);
        } catch (IOException stillOld) {
          // The old certificate, which the client (trusting only the renewed one) refuses.
        }
        if (name.contains("CN=renewed")) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(name).contains("CN=renewed");
    }
  }

  /** The subject of the certificate the server presents, to a client that trusts {@code trusted}. */
  private static String servedName(ServerFixture server, Path trusted) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted)).build();
    HttpResponse<String> response = client.send(server.request("api/v1/jobs", "alice").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return ((java.security.cert.X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSubjectX500Principal().getName();
  }

  private static void selfSigned(String openssl, Path key, Path certificate, String name) throws Exception {
    Command.run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", certificate.toString(),
        "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=IP:127.0.0.1");
  }

  @Test
  void aMissingKeyFileIsNamedAtStart() throws Exception {
    Path certificate = Files.writeString(directory.resolve("certificate.pem"), "");
    Path key = directory.resolve("no-such-key.pem");
    assertThatThrownBy(() -> ServerFixture.start(directory, List.of(store()), settings -> settings.withTls(new ServerSettings.Tls(certificate, key))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-key.pem");
  }

  private dev.docket.store.LocalStore store() throws IOException {
    return TestStore.open("store", TestStore.write(directory.resolve("store"), 1, 1, 5));
  }

  private static SSLContext trusting(Path authority) throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(authority)) {
      trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
