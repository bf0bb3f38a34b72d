package dev.docket.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.QueryParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stenographer is asked a superset it can answer, told nothing it cannot parse, and always trimmed. */
class StenographerSyntaxTest {
  private final QueryParser parser =
      new QueryParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

  /** Stenographer's index decodes otherwise than Docket: no answer of it is exact unfiltered. */
  private static final String DECODING = "Stenographer's decoding (its index also finds frames Docket's filter would not)";

  /** Each row: the query, what Stenographer is sent, and what was relaxed ({@code +} between). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      host 10.0.0.1                              | host 10.0.0.1                                      | decoding
      host 10.0.0.1 and vlan 10 and mpls 20      | host 10.0.0.1 and vlan 10 and mpls 20              | decoding
      host 10.0.0.1 and port 53                  | host 10.0.0.1 and (port 53 or ip proto 132 or ip proto 51) | SCTP ports (Stenographer indexes TCP and UDP ports only; asked for ip proto 132 too) + IPv6 AH (Stenographer stops at it; asked for ip proto 51 too) + decoding
      tcp or udp or icmp                         | tcp or ip proto 44 or ip proto 51 or udp or icmp   | IPv6 AH (Stenographer stops at it; asked for ip proto 51 too) + later IPv6 fragments (Stenographer files them as ip proto 44; asked for it too) + decoding
      ip proto gre                               | ip proto 47 or ip proto 44 or ip proto 51          | IPv6 AH (Stenographer stops at it; asked for ip proto 51 too) + later IPv6 fragments (Stenographer files them as ip proto 44; asked for it too) + decoding
      ip proto 51 or ip proto 0                  | ip proto 51 or ip proto 0                          | IPv6 AH (Stenographer stops at it; asked for ip proto 51 too) + later IPv6 fragments (Stenographer files them as ip proto 44; asked for it too) + decoding
      sctp and port 9                            | (ip proto 132 or ip proto 44 or ip proto 51) and (port 9 or ip proto 132 or ip proto 51) | SCTP ports (Stenographer indexes TCP and UDP ports only; asked for ip proto 132 too) + IPv6 AH (Stenographer stops at it; asked for ip proto 51 too) + later IPv6 fragments (Stenographer files them as ip proto 44; asked for it too) + decoding
      host ::ffff:10.0.0.1                       | net ::fffe:0:0/95                                  | IPv4-mapped IPv6 (Stenographer reads ::ffff:a.b.c.d as IPv4; asked for net ::fffe:0:0/95) + decoding
      net ::ffff:10.0.0.0/104 or host ::1        | net ::fffe:0:0/95 or host ::1                      | IPv4-mapped IPv6 (Stenographer reads ::ffff:a.b.c.d as IPv4; asked for net ::fffe:0:0/95) + decoding
      net ::/64                                  | net ::/64                                          | decoding
      src host 10.0.0.1                          | host 10.0.0.1                                      | src/dst (Stenographer matches either direction) + decoding
      dst net 10.0.0.0/8                         | net 10.0.0.0/8                                     | src/dst (Stenographer matches either direction) + decoding
      portrange 80-82                            | port 80 or port 81 or port 82 or ip proto 132 or ip proto 51 | SCTP ports (Stenographer indexes TCP and UDP ports only; asked for ip proto 132 too) + IPv6 AH (Stenographer stops at it; asked for ip proto 51 too) + decoding
      portrange 1-1023 and vlan 7                | vlan 7                                             | portrange wider than 16 ports + decoding
      host 10.0.0.1 and not port 22              | host 10.0.0.1                                      | not (Stenographer has no negation) + decoding
      not port 22 or vlan 7                      | after 1970-01-01T00:00:00Z                         | not (Stenographer has no negation) + decoding
      ip6 and vlan 7                             | vlan 7                                             | ip/ip6 (Stenographer has no such primitive) + decoding
      after 2026-11-27T10:00:00Z and host ::1    | after 2026-11-27T10:00:00Z and host ::1            | decoding + time (Stenographer keeps whole files around each bound)
      """)
  void relaxesWhatStenographerCannotSay(String query, String stenographer, String relaxed) {
    StenographerQuery printed = StenographerSyntax.print(parser.parse(query));
    assertThat(printed.text()).isEqualTo(stenographer);
    assertThat(printed.relaxed())
        .containsExactly(Arrays.stream(relaxed.split(" \\+ ")).map(words -> words.equals("decoding") ? DECODING : words).toArray(String[]::new));
    assertThat(printed.needsResidualFilter()).isTrue();
  }
}
