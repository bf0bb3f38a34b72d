package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  private static final URI SERVER = URI.create("https://docket.example/app/docket/");

  @TempDir Path home;

  private Credentials find(Map<String, String> variables, Optional<Path> netrc) {
    return Credentials.find(SERVER, netrc, Environment.of(variables, home));
  }

  @Test
  void theEnvironmentComesBeforeTheHomeNetrc() throws Exception {
    Files.writeString(home.resolve(".netrc"), "machine docket.example login carol password c\n");
    assertThat(find(Map.of("DOCKET_USER", "alice", "DOCKET_PASSWORD", "a"), Optional.empty()))
        .isEqualTo(new Credentials("alice", "a", "DOCKET_USER/DOCKET_PASSWORD"));
    assertThat(find(Map.of(), Optional.empty())).isEqualTo(new Credentials("carol", "c", home.resolve(".netrc").toString()));
  }

  @Test
  void aNetrcGivenComesBeforeTheEnvironment() throws Exception {
    Path given = Files.writeString(home.resolve("given"), "default login dave password d\n");
    assertThat(find(Map.of("DOCKET_USER", "alice", "DOCKET_PASSWORD", "a"), Optional.of(given)).user()).isEqualTo("dave");
  }

  @Test
  void aUserAloneTakesThatLoginsNetrcEntry() throws Exception {
    Files.writeString(home.resolve(".netrc"), "machine docket.example login carol password c\nmachine docket.example login alice password a2\n");
    assertThat(find(Map.of("DOCKET_USER", "alice"), Optional.empty()).password()).isEqualTo("a2");
    assertThatThrownBy(() -> find(Map.of("DOCKET_USER", "bob"), Optional.empty()))
        .isInstanceOf(CommandFailure.class)
        .hasMessageStartingWith("no credentials for the user bob for the server at " + SERVER)
        .satisfies(failure -> assertThat(((CommandFailure) failure).exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED));
  }

  @Test
  void anIpv6HostIsLookedUpWithoutItsBrackets() throws Exception {
    Files.writeString(home.resolve(".netrc"), "machine ::1 login eve password e\n");
    assertThat(Credentials.find(URI.create("http://[::1]:8080/"), Optional.empty(), Environment.of(Map.of(), home)).user()).isEqualTo("eve");
  }

  @Test
  void thePasswordNeverShowsInTheirText() {
    assertThat(new Credentials("alice", "s3cret", "DOCKET_USER/DOCKET_PASSWORD").toString()).doesNotContain("s3cret").contains("alice");
  }
}
