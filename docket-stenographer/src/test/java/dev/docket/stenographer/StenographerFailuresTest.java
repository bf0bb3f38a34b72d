package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.FanOutStream;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import dev.docket.source.SourceFanOut;
import dev.docket.stenographer.StenographerTestBed.TestBed;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What analysts see when a sensor cannot answer, against real sensors: one line naming the sensor
 * and the way out, and the other sensors' packets still in the result.
 */
@ExtendWith(StenographerTestBed.class)
class StenographerFailuresTest {
  private static final Query SMB = new QueryParser(Clock.systemUTC()).parse("host 10.0.0.11 and port 445");

  @Test
  void aStoppedSensorLeavesAPartialResultAndSaysSo(TestBed bed) throws Exception {
    try (StenographerSource up = StenographerSource.create(bed.sensor(2));
        StenographerSource down = StenographerSource.create(bed.stoppedSensor());
        FanOutStream result = new SourceFanOut(Thread::new).open(SMB, List.of(up, down), ResultLimit.NONE, ScanProgress.NONE)) {
      assertThat(PacketRecord.all(result)).hasSize(1178);
      assertThat(result.failures())
          .extracting(SourceException::getMessage)
          .containsExactly("sensor-3: connection refused by 10.213.7.2:19125; is Stenographer running and listening there?");
    }
  }

  @Test
  void aClientCertificateFromAnotherCaIsATlsErrorNamingTheSensor(TestBed bed) throws Exception {
    try (StenographerSource rogue = StenographerSource.create(bed.withRogueClient(bed.sensor(1)));
        StenographerSource good = StenographerSource.create(bed.sensor(2));
        FanOutStream result = new SourceFanOut(Thread::new).open(SMB, List.of(rogue, good), ResultLimit.NONE, ScanProgress.NONE)) {
      assertThat(PacketRecord.all(result)).hasSize(1178);
      assertThat(result.failures()).singleElement().extracting(SourceException::getMessage).asString()
          .startsWith("sensor-1: TLS handshake failed: the sensor ")
          .contains("Docket's client certificate " + bed.withRogueClient(bed.sensor(1)).cert())
          .endsWith("; use a certificate signed by the sensor's CA (its ca_cert.pem)");
    }
  }

  @Test
  void aServerCertificateWithoutSubjectAltNameSaysHowToGoOn(TestBed bed) throws Exception {
    try (StenographerSource strict = StenographerSource.create(bed.sensor(2).withVerifyHostname(true))) {
      assertThatThrownBy(() -> strict.open(QueryPlanner.plan(SMB, strict.features()), ScanProgress.NONE))
          .isInstanceOf(SourceException.class)
          .hasMessage("sensor-2: TLS handshake failed: server certificate has no subjectAltName for 10.213.7.2;"
              + " set verify-hostname: false for this sensor or reissue the certificate");
    }
  }

  @Test
  void aQueryStenographerCannotParseIsAQueryErrorNotACrash(TestBed bed) throws Exception {
    try (StenographerSource sensor = StenographerSource.create(bed.sensor(1))) {
      assertThatThrownBy(() -> sensor.openNative("host 10.0.0.1 port 80", ResultLimit.NONE, ScanProgress.NONE))
          .isInstanceOf(SourceException.class)
          .hasMessage("sensor-1: Stenographer rejected the query as invalid (HTTP 400: could not parse query):"
              + " 'host 10.0.0.1 port 80'; this is a query problem — simplify the query, or report it if Docket accepted it");
    }
  }

  @Test
  void limitsAreForwardedToTheSensor(TestBed bed) throws Exception {
    try (StenographerSource sensor = StenographerSource.create(bed.sensor(2));
        PacketStream answer = sensor.openNative("host 10.0.0.11", new ResultLimit(100, Long.MAX_VALUE), ScanProgress.NONE)) {
      // Stenographer stops after the packet that reaches the limit.
      assertThat(PacketRecord.all(answer)).hasSizeBetween(100, 101);
    }
  }

  @Test
  void statsAreTheSensorsDebugCounters(TestBed bed) throws Exception {
    try (StenographerSource sensor = StenographerSource.create(bed.sensor(1))) {
      assertThat(sensor.stats().values()).isNotEmpty();
    }
  }
}
