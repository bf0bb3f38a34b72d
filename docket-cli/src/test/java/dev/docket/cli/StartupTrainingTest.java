package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run's query of its loopback sensor must succeed, or the class-data archive silently
 * lacks the Stenographer classes: mutual TLS with the fresh self-signed certificate, and the chunked
 * answer read whole. The sensor answers {@code tcp} with the whole capture — a real one would have
 * applied the query, which Docket leaves to it — so the result is the capture.
 */
class StartupTrainingTest {
  @TempDir Path scratch;

  @Test
  void queriesTheTrainingSensorOverMutualTls() throws Exception {
    Path capture = scratch.resolve("training.pcap");
    Path queried = scratch.resolve("queried.pcap");
    StringWriter err = new StringWriter();
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Clock clock = Clock.systemUTC();
    assertThat(DocketCommand.execute(clock, quiet, quiet, "generate", "--packets", "2000", "-w", capture.toString())).isZero();

    int exit = StartupTraining.queryTrainingSensor(clock, quiet, new PrintWriter(err, true), scratch, capture, queried);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(Files.size(queried)).isGreaterThan(100_000L);
    assertThat(queried).hasSameBinaryContentAs(capture);
  }
}
