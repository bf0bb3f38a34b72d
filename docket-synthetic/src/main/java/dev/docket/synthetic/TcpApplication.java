package dev.docket.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** What a TCP session carries, and so its server port and the messages each side sends. */
enum TcpApplication {
  /** HTTP/1.1 on port 80: one to three GET requests on a kept-alive connection. */
  HTTP {
    @Override
    int serverPort(SplittableRandom random) {
      return 80;
    }

    @Override
    List<TcpMessage> script(SplittableRandom random) {
      String host = DomainNames.pick(random);
      List<TcpMessage> script = new ArrayList<>();
      int requests = 1 + random.nextInt(3);
      for (int i = 0; i < requests; i++) {
        String path = PATHS[random.nextInt(PATHS.length)];
        String request =
            "GET "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nUser-Agent: "
                + USER_AGENT
                + "\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: keep-alive\r\n\r\n";
        script.add(TcpMessage.of(true, ascii(request)));
        int bodyLength = bodyLength(random);
        boolean html = path.endsWith("/") || path.endsWith(".html");
        String response =
            "HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Type: "
                + (html ? "text/html; charset=utf-8" : "application/octet-stream")
                + "\r\nContent-Length: "
                + bodyLength
                + "\r\nConnection: keep-alive\r\n\r\n";
        byte[] head = ascii(response);
        byte[] body = html ? PayloadBytes.HTML : PayloadBytes.OPAQUE;
        script.add(
            new TcpMessage(
                false, head, head.length + bodyLength, body, random.nextInt(body.length)));
      }
      return script;
    }
  },

  /** TLS 1.3 on port 443: the handshake, then one to four request/response exchanges. */
  TLS {
    @Override
    int serverPort(SplittableRandom random) {
      return 443;
    }

    @Override
    List<TcpMessage> script(SplittableRandom random) {
      List<TcpMessage> script = new ArrayList<>();
      script.add(TcpMessage.of(true, TlsHandshake.clientHello(DomainNames.pick(random), random)));
      int certificates = random.nextInt(2_000, 5_000);
      byte[] flight = TlsHandshake.serverFlightHead(random, certificates);
      script.add(opaque(false, flight, flight.length + certificates, random));
      // The client's ChangeCipherSpec and Finished, as one encrypted record after the CCS record.
      script.add(encrypted(true, 53, random));
      int exchanges = 1 + random.nextInt(4);
      for (int i = 0; i < exchanges; i++) {
        script.add(encrypted(true, random.nextInt(100, 900), random));
        // A long response is several records in a row, each its own message.
        for (int left = bodyLength(random); left > 0; left -= TlsHandshake.MAX_ENCRYPTED_RECORD) {
          script.add(encrypted(false, Math.min(left, TlsHandshake.MAX_ENCRYPTED_RECORD), random));
        }
      }
      return script;
    }

    private TcpMessage encrypted(boolean fromClient, int length, SplittableRandom random) {
      byte[] head = TlsHandshake.applicationDataHeader(length);
      return opaque(fromClient, head, head.length + length, random);
    }
  },

  /** SSH on port 22: banners, key exchange, then an interactive session, sometimes a file copy. */
  SSH {
    @Override
    int serverPort(SplittableRandom random) {
      return 22;
    }

    @Override
    List<TcpMessage> script(SplittableRandom random) {
      List<TcpMessage> script = new ArrayList<>();
      script.add(TcpMessage.of(false, SshHandshake.SERVER_BANNER));
      script.add(TcpMessage.of(true, SshHandshake.CLIENT_BANNER));
      script.add(TcpMessage.of(true, SshHandshake.kexInit(random)));
      script.add(TcpMessage.of(false, SshHandshake.kexInit(random)));
      script.add(opaque(true, NO_HEAD, 48, random)); // ECDH init
      script.add(opaque(false, NO_HEAD, random.nextInt(500, 1100), random)); // reply, new keys
      int keystrokes = random.nextInt(4, 40);
      for (int i = 0; i < keystrokes; i++) {
        script.add(opaque(true, NO_HEAD, 36, random));
        script.add(opaque(false, NO_HEAD, random.nextInt(36, 400), random));
      }
      if (random.nextInt(4) == 0) {
        script.add(opaque(false, NO_HEAD, bodyLength(random), random)); // scp from the server
      }
      return script;
    }
  },

  /** Databases and message brokers: short binary requests and answers of any size. */
  OTHER {
    private final int[] ports = {3306, 5432, 9092, 9200, 27017};

    @Override
    int serverPort(SplittableRandom random) {
      return ports[random.nextInt(ports.length)];
    }

    @Override
    List<TcpMessage> script(SplittableRandom random) {
      List<TcpMessage> script = new ArrayList<>();
      int exchanges = 1 + random.nextInt(5);
      for (int i = 0; i < exchanges; i++) {
        script.add(opaque(true, NO_HEAD, random.nextInt(40, 600), random));
        script.add(opaque(false, NO_HEAD, bodyLength(random) / 4 + 20, random));
      }
      return script;
    }
  };

  private static final String USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  private static final String[] PATHS = {
    "/",
    "/index.html",
    "/news/",
    "/docs/guide.html",
    "/static/app.js",
    "/images/logo.png",
    "/download/report.pdf"
  };
  private static final byte[] NO_HEAD = new byte[0];

  abstract int serverPort(SplittableRandom random);

  /** The session's messages in order; every session has at least one. */
  abstract List<TcpMessage> script(SplittableRandom random);

  /** An application for a new session: TLS is most of today's traffic. */
  static TcpApplication pick(SplittableRandom random) {
    int roll = random.nextInt(100);
    if (roll < 30) {
      return HTTP;
    }
    if (roll < 70) {
      return TLS;
    }
    return roll < 80 ? SSH : OTHER;
  }

  /**
   * A response body's length: mostly small objects, some pages and images, and a few downloads that
   * carry most of the bytes, as on the web.
   */
  static int bodyLength(SplittableRandom random) {
    int roll = random.nextInt(100);
    if (roll < 60) {
      return random.nextInt(200, 4_000);
    }
    if (roll < 93) {
      return random.nextInt(4_000, 60_000);
    }
    return random.nextInt(60_000, 600_000);
  }

  private static TcpMessage opaque(
      boolean fromClient, byte[] head, int length, SplittableRandom random) {
    return new TcpMessage(
        fromClient, head, length, PayloadBytes.OPAQUE, random.nextInt(PayloadBytes.OPAQUE.length));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
