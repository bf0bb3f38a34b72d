package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docket query --config FILE}: local stores and Stenographer sensors from one YAML file, fanned
 * out together. A sensor that cannot answer is reported by name and the other sources' packets are
 * kept (exit 3); when no source answers, the run fails (exit 1) and leaves no file. The Stenographer
 * answers themselves are tested against real sensors in docket-stenographer.
 */
class QueryConfigTest {
  @TempDir Path scratch;
  private StringWriter err = new StringWriter();
  private Path store;

  @BeforeEach
  void generateAStoreAndCertificates() throws Exception {
    store = scratch.resolve("store");
    assertThat(docket("generate", "--packets", "5000", "--rate", "100", "--rotate", "10s", "-w", store.toString())).isZero();
    Path openssl = ExternalTool.require("openssl", "openssl");
    // A certificate a sensor entry can load; nobody listens on the port it names.
    Process process =
        new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", scratch.resolve("key.pem").toString(), "-out", scratch.resolve("cert.pem").toString(),
                "-days", "1", "-subj", "/CN=docket-test")
            .redirectErrorStream(true)
            .start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    err = new StringWriter();
  }

  private int docket(String... args) {
    return DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  private Path config(boolean withStore) throws IOException {
    String sensor = String.join("\n",
        "  - name: sensor-down",
        "    type: stenographer",
        "    host: 127.0.0.1",
        "    port: 1",
        "    cert: cert.pem",
        "    key: key.pem",
        "    ca: cert.pem",
        "    connect-timeout: 2s");
    String local = String.join("\n",
        "  - name: archive",
        "    type: local",
        "    path: store");
    Path file = scratch.resolve("docket.yaml");
    Files.writeString(file, "sources:\n" + (withStore ? local + "\n" : "") + sensor + "\n");
    return file;
  }

  @Test
  void aSensorThatIsDownIsNamedAndTheStoresPacketsAreKept() throws IOException {
    Path fromConfig = scratch.resolve("config.pcap");
    Path fromStore = scratch.resolve("store.pcap");
    assertThat(docket("query", "--config", config(true).toString(), "-w", fromConfig.toString(), "tcp port 443")).isEqualTo(3);
    assertThat(err.toString()).startsWith("sensor-down: connection refused by 127.0.0.1:1").doesNotContain("\tat ");
    assertThat(err.toString().lines()).hasSize(1);

    err = new StringWriter();
    assertThat(docket("query", "--store", store.toString(), "-w", fromStore.toString(), "tcp port 443")).isZero();
    assertThat(CaptureFile.read(fromConfig).packets()).isNotEmpty();
    assertThat(Files.readAllBytes(fromConfig)).isEqualTo(Files.readAllBytes(fromStore));
  }

  @Test
  void whenNoSourceAnswersTheRunFailsAndLeavesNoFile() throws IOException {
    Path out = scratch.resolve("out.pcap");
    assertThat(docket("query", "--config", config(false).toString(), "-w", out.toString(), "tcp")).isEqualTo(1);
    assertThat(err.toString()).startsWith("docket: sensor-down: connection refused by 127.0.0.1:1");
    assertThat(out).doesNotExist();
  }

  @Test
  void aBadConfigurationIsOneLineNamingTheEntry() throws IOException {
    Path file = scratch.resolve("bad.yaml");
    Files.writeString(file, "sources:\n  - name: x\n    type: stenographer\n    host: 127.0.0.1\n    port: 99999\n");
    assertThat(docket("query", "--config", file.toString(), "tcp")).isEqualTo(2);
    assertThat(err.toString()).startsWith("docket: " + file).contains("sources[1] (x)");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void aQueryNeedsSomewhereToLook() {
    assertThat(docket("query", "tcp")).isEqualTo(2);
    assertThat(err.toString()).contains("give the sources: --store DIR, --config FILE, or both");
  }

  @Test
  void aVlanQueryToASensorIsToldOnceThatItsOuterTagIsStrippedAtCapture() throws IOException {
    Path out = scratch.resolve("vlan.pcap");
    assertThat(docket("query", "--config", config(true).toString(), "-w", out.toString(), "vlan 200 or (vlan 100 and tcp)")).isEqualTo(3);
    assertThat(err.toString().lines().filter(line -> line.contains("VLAN")))
        .containsExactly(STRIPPED_TAG_NOTE);
    assertThat(err.toString()).doesNotContain("archive:"); // a store keeps every tag: nothing to say
  }

  @Test
  void parseWithTheConfigurationNotesTheStrippedTagForEachSensor() throws IOException {
    StringWriter out = new StringWriter();
    String file = config(true).toString();
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true),
        "parse", "--config", file, "vlan 200 or (vlan 100 and tcp)")).isZero();
    assertThat(out.toString().lines().filter(line -> line.startsWith("note:")))
        .containsExactly("note:         " + STRIPPED_TAG_NOTE);

    out.getBuffer().setLength(0);
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true),
        "parse", "--config", file, "host 10.0.0.1")).isZero();
    assertThat(out.toString()).doesNotContain("note:");
    assertThat(err.toString()).isEmpty();
  }

  private static final String STRIPPED_TAG_NOTE =
      "sensor-down: vlan 100, vlan 200 cannot match a frame's outermost VLAN tag: Stenographer stores frames without it, "
          + "stripped at capture (google/stenographer#211); inner tags (QinQ) are kept";
}
