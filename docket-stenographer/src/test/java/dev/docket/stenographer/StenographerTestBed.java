package dev.docket.stenographer;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two real Stenographer sensors for the integration tests, started once per JVM by {@code
 * scripts/stenographer-testbed.sh} and stopped (by PID, namespace and state directory) when the
 * last test is done, or at JVM exit if that is earlier. Tests take a {@link TestBed} parameter.
 * Without root or the Debian packages the tests are skipped with the reason printed, except in CI
 * ({@code CI=true}), where they fail.
 */
final class StenographerTestBed implements ParameterResolver {
  static final Path FEED_1 = corpus("zeek/http_1000-requests-one-dropped-response.pcap");
  static final Path FEED_2 = corpus("zeek/smb_smb2.pcap");
  /** Replayed into sensor-2 after its feed, {@link #BULK_LOOPS} times: a result of over 200 MB. */
  static final Path BULK = corpus("zeek/http_206_example_b.pcap");
  static final int BULK_LOOPS = 160;
  /** Frames of {@link IndexCornerTraffic} replayed into sensor-4, alone, from this seed. */
  static final int CORNER_FRAMES = 6000;
  static final long CORNER_SEED = 12;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestBed.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot()
        .getStore(ExtensionContext.Namespace.create(StenographerTestBed.class))
        .getOrComputeIfAbsent(TestBed.class, key -> start(), TestBed.class);
  }

  private static Path corpus(String file) {
    String shared = System.getenv("DOCKET_SHARED");
    return Path.of(shared != null ? shared : "../../shared", "corpus", file).toAbsolutePath().normalize();
  }

  private static TestBed start() {
    requireRoot();
    ExternalTool.require("stenographer", "stenographer");
    ExternalTool.require("tcpreplay", "tcpreplay");
    ExternalTool.require("tcpdump", "tcpdump");
    ExternalTool.require("openssl", "openssl");
    ExternalTool.require("curl", "curl");
    for (Path feed : List.of(FEED_1, FEED_2, BULK)) {
      if (!Files.isRegularFile(feed)) {
        skipOrFail("capture corpus file " + feed + " not found (set DOCKET_SHARED)");
      }
    }
    try {
      Path state = Files.createTempDirectory("docket-steno-");
      TestBed bed = new TestBed(state);
      Runtime.getRuntime().addShutdownHook(new Thread(bed::close, "stenographer-testbed-stop"));
      long started = System.nanoTime();
      Path corners = IndexCornerTraffic.write(Files.createTempFile("docket-steno-corners-", ".pcap"), CORNER_SEED, CORNER_FRAMES);
      try {
        run(START_TIMEOUT, "start", state.toString(), FEED_1.toString(), FEED_2.toString(), BULK.toString(),
            Integer.toString(BULK_LOOPS), corners.toString());
      } finally {
        Files.deleteIfExists(corners);
      }
      System.err.printf("Stenographer test bed up in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return bed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void run(Duration timeout, String... arguments) throws IOException {
    Path script = Path.of(System.getProperty("user.dir")).resolveSibling("scripts/stenographer-testbed.sh");
    if (!Files.isExecutable(script)) {
      script = Path.of("scripts/stenographer-testbed.sh").toAbsolutePath();
    }
    Path log = Files.createTempFile("docket-steno-testbed", ".log");
    try {
      Process process = new ProcessBuilder(concat(script.toString(), arguments))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("test bed " + arguments[0] + " timed out after " + timeout + ": " + Files.readString(log, StandardCharsets.UTF_8));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.err.print(output);
      if (process.exitValue() != 0) {
        throw new IOException("test bed " + arguments[0] + " failed (exit " + process.exitValue() + "): " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String[] concat(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static void requireRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").start();
      String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!uid.equals("0")) {
        skipOrFail("the Stenographer test bed needs root (network namespaces); running as uid " + uid);
      }
    } catch (IOException e) {
      skipOrFail("cannot tell whether this is root: " + e.getMessage());
    }
  }

  private static void skipOrFail(String reason) {
    if ("true".equals(System.getenv("CI"))) {
      fail(reason + ", and CI=true requires it");
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** The running test bed: its sensors' settings, a client from another CA, and its files. */
  static final class TestBed implements AutoCloseable {
    static final String HOST = "10.213.7.2";
    private final Path state;
    private boolean closed;

    TestBed(Path state) {
      this.state = state;
    }

    /**
     * sensor-1 (server certificate with subjectAltName), sensor-2 (without: verify-hostname false)
     * or sensor-4 (with; fed only {@link IndexCornerTraffic}).
     */
    StenographerSettings sensor(int number) {
      Path client = state.resolve("client");
      return StenographerSettings.of(
              "sensor-" + number, HOST, port(number),
              client.resolve("client_cert.pem"), client.resolve("client_key.pem"), client.resolve("ca_cert.pem"))
          .withVerifyHostname(number != 2)
          .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** A sensor that is down: nothing listens on its port. */
    StenographerSettings stoppedSensor() {
      Path client = state.resolve("client");
      return StenographerSettings.of(
              "sensor-3", HOST, 19125,
              client.resolve("client_cert.pem"), client.resolve("client_key.pem"), client.resolve("ca_cert.pem"))
          .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** Docket's client certificate from another CA, which the sensors do not trust. */
    StenographerSettings withRogueClient(StenographerSettings settings) {
      Path rogue = state.resolve("rogue");
      return new StenographerSettings(
          settings.name(), settings.host(), settings.port(), rogue.resolve("client_cert.pem"),
          rogue.resolve("client_key.pem"), settings.ca(), settings.verifyHostname(), settings.connectTimeout(),
          settings.idleTimeout(), settings.timePadding());
    }

    static int port(int number) {
      return 19122 + number;
    }

    Path clientDirectory() {
      return state.resolve("client");
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        run(Duration.ofMinutes(1), "stop", state.toString());
      } catch (IOException e) {
        System.err.println("stopping the Stenographer test bed: " + e.getMessage());
      }
    }
  }
}
