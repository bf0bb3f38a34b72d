package dev.docket.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example configurations the repository ships, loaded as they are: docket.example.yml at the
 * root, and packaging/docket.yml with its absolute paths moved under a scratch directory. Neither can
 * rot: a key renamed or dropped fails here.
 */
class ExampleConfigTest {
  private static final Path ROOT = Path.of(System.getProperty("docket.root", "..")).toAbsolutePath().normalize();

  @TempDir Path directory;

  private void touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "");
  }

  @Test
  void docketExampleYmlLoadsWithEveryKeyItDocuments() throws IOException, ConfigException {
    Path example = directory.resolve("docket.yml");
    Files.copy(ROOT.resolve("docket.example.yml"), example);
    for (String name : List.of("client_cert.pem", "client_key.pem", "ca_cert.pem")) {
      touch(directory.resolve("certs/sensor-1").resolve(name));
    }
    Files.createDirectories(directory.resolve("pcap"));

    DocketConfig config = ConfigFile.read(example);

    assertThat(config.sources()).extracting(SourceConfig::name).containsExactly("sensor-1", "archive");
    StenographerSourceConfig sensor = (StenographerSourceConfig) config.sources().get(0);
    assertThat(sensor.settings().host()).isEqualTo("10.0.0.5");
    assertThat(sensor.settings().cert()).isEqualTo(directory.resolve("certs/sensor-1/client_cert.pem"));
    assertThat(sensor.settings().timePadding()).isEqualTo(Duration.ofMinutes(1));
    LocalSourceConfig archive = (LocalSourceConfig) config.sources().get(1);
    assertThat(archive.stateDirectory()).contains(directory.resolve("state/archive"));
    ServerConfig server = config.server();
    assertThat(server.port()).hasValue(8080);
    assertThat(server.host()).contains("127.0.0.1");
    assertThat(server.basePath()).contains("/");
    assertThat(server.spool()).contains(directory.resolve("spool"));
    assertThat(server.users()).contains(directory.resolve("users"));
    assertThat(server.admins()).containsExactly("admin");
    assertThat(server.auditLog()).contains(directory.resolve("audit.log"));
    assertThat(server.maxBytes()).hasValue(8L << 30);
    assertThat(server.expiry()).contains(Duration.ofHours(48));
  }

  @Test
  void theExampleNamesEveryKeyTheReaderKnows() throws IOException {
    String example = Files.readString(ROOT.resolve("docket.example.yml"));
    for (String key : List.of("name", "type", "host", "port", "cert", "key", "ca", "verify-hostname", "connect-timeout", "idle-timeout",
        "time-padding", "path", "state-dir", "base-path", "users", "admins", "spool", "tls", "allow-plain-http", "audit-log",
        "max-packets", "max-bytes", "expiry", "trusted-origins")) {
      assertThat(example).as(key).containsPattern("(?m)^\\s*(- |# )?" + Pattern.quote(key) + ":");
    }
  }

  @Test
  void thePackagedConfigLoadsOnceItsAbsolutePathsExist() throws IOException, ConfigException {
    String text = Files.readString(ROOT.resolve("packaging/docket.yml"));
    // Each absolute path of the file, under the scratch directory: a directory unless it names a .pem file.
    Matcher paths = Pattern.compile("(?m)^\\s*(?:- )?(cert|key|ca|path|state-dir|spool|users|audit-log): (/\\S+)").matcher(text);
    while (paths.find()) {
      Path moved = directory.resolve(paths.group(2).substring(1));
      if (paths.group(2).endsWith(".pem")) {
        touch(moved);
      } else if (paths.group(1).equals("path")) {
        Files.createDirectories(moved);
      }
    }
    Path config = directory.resolve("docket.yml");
    Files.writeString(config, text.replaceAll("(?m)(: )/", "$1" + directory + "/"));

    DocketConfig loaded = ConfigFile.read(config);

    assertThat(loaded.sources()).isNotEmpty();
    assertThat(loaded.server().spool()).contains(directory.resolve("var/lib/docket/spool"));
  }
}
