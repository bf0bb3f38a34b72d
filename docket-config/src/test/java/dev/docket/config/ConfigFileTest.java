package dev.docket.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.plan.QueryPlanner;
import dev.docket.query.QueryParser;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import dev.docket.stenographer.StenographerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: what a valid one becomes, and one line naming file, entry and fix for each mistake. */
class ConfigFileTest {
  @TempDir Path directory;
  private Path file;

  @BeforeEach
  void certificates() throws IOException {
    Files.createDirectories(directory.resolve("certs"));
    for (String name : new String[] {"client_cert.pem", "client_key.pem", "ca_cert.pem"}) {
      Files.writeString(directory.resolve("certs").resolve(name), "not used by the parser");
    }
    Files.createDirectories(directory.resolve("pcap"));
    file = directory.resolve("docket.yaml");
  }

  private static final String SENSOR =
      """
        - name: sensor-1
          type: stenographer
          host: 10.0.0.5
          port: 1234
          cert: certs/client_cert.pem
          key: certs/client_key.pem
          ca: certs/ca_cert.pem
      """;

  @Test
  void aValidFileBecomesTheModelWithDefaultsAndPathsBesideTheFile() throws Exception {
    DocketConfig config = ConfigFile.parse(file, "sources:\n" + SENSOR
        + """
          - name: sensor-2
            type: stenographer
            host: 10.0.0.6
            port: 1235
            cert: certs/client_cert.pem
            key: certs/client_key.pem
            ca: certs/ca_cert.pem
            verify-hostname: false
            connect-timeout: 3s
            idle-timeout: 5m
            time-padding: 0s
          - name: archive
            type: local
            path: pcap
            state-dir: /var/lib/docket/archive
        """);

    assertThat(config.sources()).hasSize(3);
    StenographerSettings one = ((StenographerSourceConfig) config.sources().get(0)).settings();
    assertThat(one).isEqualTo(StenographerSettings.of("sensor-1", "10.0.0.5", 1234,
        directory.resolve("certs/client_cert.pem"), directory.resolve("certs/client_key.pem"), directory.resolve("certs/ca_cert.pem")));
    StenographerSettings two = ((StenographerSourceConfig) config.sources().get(1)).settings();
    assertThat(two.verifyHostname()).isFalse();
    assertThat(two.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(two.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(two.timePadding()).isZero();
    assertThat(config.sources().get(2))
        .isEqualTo(new LocalSourceConfig("archive", directory.resolve("pcap"), Optional.of(Path.of("/var/lib/docket/archive"))));
  }

  @Test
  void eachMistakeIsOneLineNamingFileLineEntryAndFix() {
    assertError("sources:\n" + SENSOR.replace("port: 1234", "port: http"),
        5, "sources[1] (sensor-1): port must be a number from 1 to 65535, not 'http'");
    assertError("sources:\n" + SENSOR.replace("    port: 1234\n", ""),
        2, "sources[1] (sensor-1): missing port: (the sensor's HTTPS port, Stenographer's Port setting)");
    assertError("sources:\n" + SENSOR.replace("certs/ca_cert.pem", "certs/missing.pem"),
        8, "sources[1] (sensor-1): ca " + directory.resolve("certs/missing.pem") + " does not exist; set ca: to the sensor's CA certificate, its ca_cert.pem");
    assertError("sources:\n" + SENSOR + "    verify-hostnme: false\n",
        9, "sources[1] (sensor-1): unknown key 'verify-hostnme' for type stenographer; known keys: name, type, host, port, cert, key, ca, verify-hostname, connect-timeout, idle-timeout, time-padding");
    assertError("sources:\n" + SENSOR + "    verify-hostname: no\n",
        9, "sources[1] (sensor-1): verify-hostname must be true or false, not 'no'");
    assertError("sources:\n" + SENSOR + "    idle-timeout: 2 minutes\n",
        9, "sources[1] (sensor-1): idle-timeout must be a number and a unit (ms, s, m or h), such as 30s, not '2 minutes'");
    assertError("sources:\n" + SENSOR + SENSOR,
        9, "sources[2] (sensor-1): another source is already named 'sensor-1'; give each source its own name");
    assertError("sources:\n  - name: x\n    type: remote\n", 3, "sources[1] (x): unknown type 'remote'; set type: to stenographer or local");
    assertError("sources:\n  - type: local\n    path: pcap\n", 2, "sources[1]: missing name: (a name analysts know the source by, such as sensor-1)");
    assertError("sources:\n  - name: archive\n    type: local\n    path: nowhere\n",
        4, "sources[1] (archive): path " + directory.resolve("nowhere") + " is not a directory; set path: to the directory of capture files");
    assertError("sources:\n  - local\n", 2, "sources[1]: expected a source with name: and type:, found 'local'");
    assertError("sensors:\n" + SENSOR, 1, "unknown top-level key 'sensors'; the file has 'sources:' and 'server:'");
    assertError("sources: []\n", 1, "'sources:' must be a list of at least one source (each with name and type)");
  }

  @Test
  void aBadServerPartIsReportedOnTheLineOfItsKey() {
    String sources = "sources:\n  - name: archive\n    type: local\n    path: pcap\n";
    assertError("server:\n  host: 127.0.0.1\n  prot: 8080\n" + sources,
        3, "server: unknown key 'prot'; known keys: host, port, base-path, users, admins, spool, tls, allow-plain-http, audit-log, max-packets, max-bytes, expiry, trusted-origins");
    assertError("server:\n  port: eighty\n" + sources, 2, "server: port must be a number from 1 to 65535, not 'eighty'");
    assertError("server:\n  expiry: 2 days\n" + sources, 2, "server: expiry must be a number and a unit (ms, s, m or h), such as 30s, not '2 days'");
    assertError("server:\n  max-bytes: -1\n" + sources, 2, "server: max-bytes must be a positive whole number, not '-1'");
    assertError("server:\n  tls:\n    cert: missing.pem\n    key: missing.pem\n" + sources,
        3, "server.tls: cert " + directory.resolve("missing.pem") + " does not exist; set cert: to the server's certificate chain (PEM)");
    assertError("server: 8080\n" + sources, 1, "server: expected settings such as port: 8443, found '8080'");
  }

  @Test
  void aMissingFileIsOneLineNamingIt() {
    Path missing = directory.resolve("nowhere.yml");
    assertThatThrownBy(() -> ConfigFile.read(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": no such file; give the path of Docket's YAML configuration (docket.example.yml shows one)");
  }

  @Test
  void brokenYamlIsOneLineWithTheLineOfTheProblem() {
    assertThatThrownBy(() -> ConfigFile.parse(file, "sources:\n  - name: [unclosed\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": line 3: not valid YAML: ")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ConfigFile.parse(file, "sources:\n  - name: a\n    name: b\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": line 3: not valid YAML: ")
        .hasMessageContaining("duplicate key name");
  }

  @Test
  void aSourceThatCannotBeSetUpReportsItselfWhenAskedAndTheRestAreBuilt() throws Exception {
    DocketConfig config = ConfigFile.parse(file, "sources:\n" + SENSOR + "  - name: archive\n    type: local\n    path: pcap\n");
    try (ConfiguredSources sources = ConfiguredSources.open(
        config, local -> {
          throw new SourceException(local.name(), "local capture stores are not available in this build yet");
        })) {
      assertThat(sources.sources()).extracting(s -> s.name()).containsExactly("sensor-1", "archive");
      var query = new QueryParser(Clock.systemUTC()).parse("tcp");
      assertThatThrownBy(() -> sources.sources().get(0).open(QueryPlanner.plan(query, sources.sources().get(0).features()), ScanProgress.NONE))
          .isInstanceOf(SourceException.class)
          .hasMessage("sensor-1: client certificate " + directory.resolve("certs/client_cert.pem") + " is not a PEM certificate (No certificate data found)");
      assertThatThrownBy(() -> sources.sources().get(1).open(QueryPlanner.plan(query, sources.sources().get(1).features()), ScanProgress.NONE))
          .isInstanceOf(SourceException.class)
          .hasMessage("archive: local capture stores are not available in this build yet");
    }
  }

  private void assertError(String yaml, int line, String message) {
    assertThatThrownBy(() -> ConfigFile.parse(file, yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": line " + line + ": " + message);
  }

  @Test
  void theServerPartGivesDocketServeItsSettingsWithPathsBesideTheFile() throws Exception {
    DocketConfig config = ConfigFile.parse(file, """
        server:
          host: 0.0.0.0
          port: 8443
          base-path: /app/docket
          users: users.htpasswd
          admins: [admin, carol]
          spool: spool
          tls:
            cert: certs/client_cert.pem
            key: certs/client_key.pem
          audit-log: audit.log
          max-packets: 1000
          expiry: 12h
          trusted-origins: [https://docket.example.org]
        sources:
          - name: archive
            type: local
            path: pcap
        """);
    ServerConfig server = config.server();
    assertThat(server.host()).hasValue("0.0.0.0");
    assertThat(server.port()).hasValue(8443);
    assertThat(server.basePath()).hasValue("/app/docket");
    assertThat(server.users()).hasValue(directory.resolve("users.htpasswd"));
    assertThat(server.admins()).containsExactly("admin", "carol");
    assertThat(server.spool()).hasValue(directory.resolve("spool"));
    assertThat(server.tlsCertificate()).hasValue(directory.resolve("certs/client_cert.pem"));
    assertThat(server.auditLog()).hasValue(directory.resolve("audit.log"));
    assertThat(server.maxPackets()).hasValue(1000);
    assertThat(server.expiry()).hasValue(Duration.ofHours(12));
    assertThat(server.trustedOrigins()).containsExactly("https://docket.example.org");
    assertThat(config.sources()).hasSize(1);
  }

  @Test
  void aFileOfServerSettingsAloneNeedsNoSources() throws Exception {
    DocketConfig config = ConfigFile.parse(file, "server:\n  port: 8080\n");
    assertThat(config.sources()).isEmpty();
    assertThat(config.server().port()).hasValue(8080);
  }

  @Test
  void aTrustedOriginWithAPathIsNamedWithTheFix() {
    assertThatThrownBy(() -> ConfigFile.parse(file, "server:\n  trusted-origins: https://docket.example.org/app/docket\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("trusted-origins: 'https://docket.example.org/app/docket' is not an origin; give scheme://host[:port]");
  }

  @Test
  void aMisspeltServerKeyIsNamed() {
    assertThatThrownBy(() -> ConfigFile.parse(file, "server:\n  prot: 8080\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server: unknown key 'prot'");
  }
}
