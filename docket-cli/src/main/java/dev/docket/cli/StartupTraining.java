package dev.docket.cli;

import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

/**
 * A run of the common commands on a tiny capture, and a query of a stand-in sensor on the loopback
 * address, for the {@code docket} launcher to record which classes they load into a class-data
 * archive (AppCDS) after each build: later runs then load them ready-parsed, and start faster.
 */
final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    Path directory = Files.createTempDirectory("docket-training");
    Path capture = directory.resolve("training.pcap");
    Path result = directory.resolve("result.pcap");
    // A store of the one capture, for the query command's classes: the catalog's and the scan's.
    Path store = Files.createDirectory(directory.resolve("store"));
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Clock clock = Clock.systemUTC();
    try {
      DocketCommand.execute(clock, quiet, quiet, "generate", "--packets", "2000", "-w", capture.toString());
      Files.copy(capture, store.resolve("training.pcap"));
      DocketCommand.execute(
          clock, quiet, quiet, "filter", "-w", result.toString(), "host 10.1.0.10 and tcp port 443", capture.toString());
      DocketCommand.execute(clock, quiet, quiet, "merge", "-w", result.toString(), capture.toString(), capture.toString());
      DocketCommand.execute(clock, quiet, quiet, "parse", "net 10.0.0.0/8 and not port 22");
      DocketCommand.execute(
          clock, quiet, quiet, "query", "--store", store.toString(), "-w", result.toString(),
          "host 10.1.0.10 and tcp port 443");
      queryStenographer(clock, quiet, directory, capture, result);
    } finally {
      MoreFiles.deleteRecursively(directory);
    }
  }

  /**
   * A query of a sensor, {@link TrainingSensor}, on this machine's loopback address: a query of a
   * real sensor then finds about 1,500 more classes (TLS, HttpClient, AES-GCM) in the archive, which
   * saves it about 0.4 s of CPU before its first byte. Best effort: without it the archive still
   * serves the other commands.
   */
  private static void queryStenographer(Clock clock, PrintWriter quiet, Path directory, Path capture, Path result) {
    try {
      queryTrainingSensor(clock, quiet, quiet, directory, capture, result);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // No loopback TLS here: the archive lacks the query's classes, and queries start as before.
    }
  }

  /** {@code docket query --config} of a {@link TrainingSensor} that answers with {@code capture}; the exit code. */
  static int queryTrainingSensor(Clock clock, PrintWriter out, PrintWriter err, Path directory, Path capture, Path result)
      throws IOException, GeneralSecurityException {
    TrainingCertificate certificate = TrainingCertificate.create();
    Path cert = Files.writeString(directory.resolve("training_cert.pem"), certificate.certificatePem());
    Path key = Files.writeString(directory.resolve("training_key.pem"), certificate.privateKeyPem());
    try (TrainingSensor sensor = TrainingSensor.start(certificate, Files.readAllBytes(capture))) {
      Path config = Files.writeString(directory.resolve("training.yaml"), String.join("\n",
          "sources:",
          "  - name: training",
          "    type: stenographer",
          "    host: " + sensor.host(),
          "    port: " + sensor.port(),
          "    cert: " + cert,
          "    key: " + key,
          "    ca: " + cert,
          "    verify-hostname: false",
          "    connect-timeout: 10s",
          "    idle-timeout: 10s",
          ""));
      return DocketCommand.execute(clock, out, err, "query", "--config", config.toString(), "-w", result.toString(), "tcp");
    }
  }
}
