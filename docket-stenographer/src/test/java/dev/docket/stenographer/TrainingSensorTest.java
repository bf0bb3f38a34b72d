package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.QueryParser;
import dev.docket.source.FanOutStream;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceFanOut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training queries the stand-in sensor through the CLI; if that query failed, the
 * class-data archive would silently lack the Stenographer classes. So: Docket's client, with the
 * configuration the sensor writes, gets the whole answer over mutual TLS with the fresh self-signed
 * certificate. The sensor answers every query with its capture (a real one would apply the query).
 */
class TrainingSensorTest {
  @TempDir Path scratch;

  @Test
  void answersDocketsClientOverMutualTlsWithItsCapture() throws Exception {
    Path capture = StenographerTestBed.FEED_2;
    TrainingCertificate certificate = TrainingCertificate.create();
    Path cert = Files.writeString(scratch.resolve("cert.pem"), certificate.certificatePem());
    Path key = Files.writeString(scratch.resolve("key.pem"), certificate.privateKeyPem());

    try (TrainingSensor sensor = TrainingSensor.start(certificate, Files.readAllBytes(capture));
        StenographerSource source = StenographerSource.create(
            StenographerSettings.of("training", sensor.host(), sensor.port(), cert, key, cert).withVerifyHostname(false));
        FanOutStream result = new SourceFanOut(Thread::new)
            .open(new QueryParser(Clock.systemUTC()).parse("tcp"), List.of(source), ResultLimit.NONE, ScanProgress.NONE)) {
      List<PacketRecord> answer = PacketRecord.all(result);

      assertThat(result.failures()).isEmpty();
      assertThat(answer).hasSizeGreaterThan(100).isEqualTo(PacketRecord.read(capture));
    }
  }
}
