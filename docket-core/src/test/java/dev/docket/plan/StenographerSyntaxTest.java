package dev.docket.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.QueryParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stenographer is asked a superset it can answer, and told nothing it cannot parse. */
class StenographerSyntaxTest {
  private final QueryParser parser =
      new QueryParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      host 10.0.0.1 and port 53                  | host 10.0.0.1 and port 53                          | exact
      tcp or udp or icmp                         | tcp or udp or icmp                                 | exact
      ip proto gre                               | ip proto 47                                        | exact
      sctp                                       | ip proto 132                                       | exact
      vlan 10 and mpls 20                        | vlan 10 and mpls 20                                | exact
      src host 10.0.0.1                          | host 10.0.0.1                                      | src/dst (Stenographer matches either direction)
      dst net 10.0.0.0/8                         | net 10.0.0.0/8                                     | src/dst (Stenographer matches either direction)
      portrange 80-82                            | port 80 or port 81 or port 82                      | exact
      portrange 1-1023 and tcp                   | tcp                                                | portrange wider than 16 ports
      host 10.0.0.1 and not port 22              | host 10.0.0.1                                      | not (Stenographer has no negation)
      not port 22 or tcp                         | after 1970-01-01T00:00:00Z                         | not (Stenographer has no negation)
      ip6 and udp                                | udp                                                | ip/ip6 (Stenographer has no such primitive)
      after 2026-11-27T10:00:00Z and port 53     | after 2026-11-27T10:00:00Z and port 53             | time (Stenographer keeps whole files around each bound)
      """)
  void relaxesWhatStenographerCannotSay(String query, String stenographer, String relaxed) {
    StenographerQuery printed = StenographerSyntax.print(parser.parse(query));
    assertThat(printed.text()).isEqualTo(stenographer);
    if (relaxed.equals("exact")) {
      assertThat(printed.needsResidualFilter()).isFalse();
    } else {
      assertThat(printed.relaxed()).containsExactly(relaxed);
      assertThat(printed.needsResidualFilter()).isTrue();
    }
  }
}
