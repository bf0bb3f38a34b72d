package dev.docket.stenographer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in Stenographer on 127.0.0.1 for the ./docket launcher's training run: mutual TLS with a
 * {@link TrainingCertificate}, and every {@code POST /query} answered with one capture, in 2 KB HTTP
 * chunks as Stenographer sends it. A {@code docket query --config} against it loads what a query of
 * a real sensor loads (the TLS handshake, HttpClient, AES-GCM record decryption, chunked decoding),
 * so the class-data archive holds those classes too, and a real query starts sooner. Test code: it
 * is not in the jar users run.
 *
 * <p>{@code TrainingSensor DIRECTORY CAPTURE} writes the PEM files and {@code DIRECTORY/docket.yaml}
 * naming the sensor (the file appears whole, once the sensor listens), then serves until killed, or
 * for a minute at most.
 */
final class TrainingSensor implements Closeable {
  private static final int CHUNK = 2048;
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final char[] IN_MEMORY = "training".toCharArray();

  private final SSLServerSocket server;
  private final byte[] answer;
  private final Thread thread;

  public static void main(String[] args) throws Exception {
    Path directory = Files.createDirectories(Path.of(args[0]));
    TrainingCertificate certificate = TrainingCertificate.create();
    Path cert = Files.writeString(directory.resolve("training_cert.pem"), certificate.certificatePem());
    Path key = Files.writeString(directory.resolve("training_key.pem"), certificate.privateKeyPem());
    try (TrainingSensor sensor = start(certificate, Files.readAllBytes(Path.of(args[1])))) {
      Path partial = Files.writeString(directory.resolve("docket.yaml.partial"), sensor.config(cert, key));
      Files.move(partial, directory.resolve("docket.yaml"), StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(60_000);
    }
  }

  private TrainingSensor(SSLServerSocket server, byte[] answer) {
    this.server = server;
    this.answer = answer;
    this.thread = new Thread(this::serve, "training-sensor");
    thread.setDaemon(true);
  }

  static TrainingSensor start(TrainingCertificate certificate, byte[] answer) throws IOException, GeneralSecurityException {
    X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(certificate.certificate()));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("sensor", certificate.keys().getPrivate(), IN_MEMORY, new X509Certificate[] {x509});
    keys.setCertificateEntry("ca", x509);
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, IN_MEMORY);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    SSLServerSocket server =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    server.setSoTimeout(TIMEOUT_MILLIS);
    TrainingSensor sensor = new TrainingSensor(server, answer);
    sensor.thread.start();
    return sensor;
  }

  String host() {
    return server.getInetAddress().getHostAddress();
  }

  int port() {
    return server.getLocalPort();
  }

  /** A {@code docket.yaml} naming this sensor, with {@code cert} and {@code key} as client, sensor and CA. */
  String config(Path cert, Path key) {
    return String.join("\n",
        "sources:",
        "  - name: training",
        "    type: stenographer",
        "    host: " + host(),
        "    port: " + port(),
        "    cert: " + cert.toAbsolutePath(),
        "    key: " + key.toAbsolutePath(),
        "    ca: " + cert.toAbsolutePath(),
        "    verify-hostname: false",
        "    connect-timeout: 10s",
        "    idle-timeout: 10s",
        "");
  }

  private void serve() {
    while (!server.isClosed()) {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        answer(socket.getInputStream(), socket.getOutputStream());
      } catch (IOException e) {
        if (e instanceof SocketException && server.isClosed()) {
          return;
        }
        // A training client that gave up, or a timeout: wait for the next, or for close().
      }
    }
  }

  /** One request per connection: read its head and body, answer, close. */
  private void answer(InputStream in, OutputStream out) throws IOException {
    String head = head(in);
    long length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    in.skipNBytes(length);
    if (!head.startsWith("POST /query ")) {
      out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return;
    }
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int at = 0; at < answer.length; at += CHUNK) {
      int size = Math.min(CHUNK, answer.length - at);
      out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(answer, at, size);
      out.write('\r');
      out.write('\n');
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended in its head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
