package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NetrcTest {
  private static final String FILE = """
      machine sensor.example login alice password a-secret
      macdef init
      cd /pub
      machine never.example login mallory password macro-body

      machine 127.0.0.1
        login bob
        password "b-secret"
      machine SENSOR.example login carol password c-secret account ignored
      default login anonymous password guest
      """;

  private static Optional<String> password(String host, Optional<String> user) {
    return Netrc.parse(FILE).find(host, user).flatMap(Netrc.Entry::password);
  }

  @Test
  void theFirstEntryOfAHostIsItsAndHostNamesIgnoreCase() {
    assertThat(password("sensor.example", Optional.empty())).contains("a-secret");
    assertThat(password("Sensor.Example", Optional.empty())).contains("a-secret");
    assertThat(password("127.0.0.1", Optional.empty())).contains("\"b-secret\""); // no quoting in netrc, as ftp reads it
  }

  @Test
  void aUserPicksTheEntryWithThatLogin() {
    assertThat(password("sensor.example", Optional.of("carol"))).contains("c-secret");
    assertThat(password("sensor.example", Optional.of("dave"))).isEmpty();
  }

  @Test
  void anotherHostGetsTheDefaultEntry() {
    assertThat(Netrc.parse(FILE).find("elsewhere.example", Optional.empty()))
        .contains(new Netrc.Entry(Optional.empty(), Optional.of("anonymous"), Optional.of("guest")));
  }

  @Test
  void aMacroBodyIsNotReadAsEntries() {
    assertThat(password("never.example", Optional.empty())).contains("guest");
  }

  @Test
  void anEmptyOrCutOffFileHasNoEntryForAnyHost() {
    assertThat(Netrc.parse("").find("h", Optional.empty())).isEmpty();
    assertThat(Netrc.parse("machine h login").find("h", Optional.empty())).contains(new Netrc.Entry(Optional.of("h"), Optional.empty(), Optional.empty()));
  }

  /** Tokens are separated by any whitespace: one line, one token a line, or anything between, reads the same. */
  @Property(tries = 200)
  void theLayoutOfWhitespaceDoesNotMatter(@ForAll @IntRange(min = 0, max = 1 << 12) int layout) {
    List<String> tokens = List.of("machine", "a.example", "login", "alice", "password", "pw1", "machine", "b.example", "login", "bob", "password", "pw2");
    String[] separators = {" ", "\t", "\n", "  \n\t "};
    StringBuilder text = new StringBuilder();
    int bits = layout;
    for (String token : tokens) {
      text.append(token).append(separators[bits & 3]);
      bits = Integer.rotateRight(bits, 2);
    }
    Netrc netrc = Netrc.parse(text.toString());
    assertThat(netrc.find("a.example", Optional.empty()).flatMap(Netrc.Entry::password)).contains("pw1");
    assertThat(netrc.find("b.example", Optional.empty()).flatMap(Netrc.Entry::login)).contains("bob");
  }
}
