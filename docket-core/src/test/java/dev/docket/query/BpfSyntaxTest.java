package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each primitive is qualified so that libpcap means by it what Docket does. */
class BpfSyntaxTest {
  private final QueryParser parser =
      new QueryParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      host 10.0.0.1                                 | ip host 10.0.0.1
      src host 2001:db8::1                          | ip6 src host 2001:db8::1
      dst net 10.0.0.0/8                            | ip dst net 10.0.0.0/8
      port 53                                       | port 53
      src portrange 1-1023                          | src portrange 1-1023
      tcp                                           | tcp
      icmp                                          | (icmp or ip6 proto 1)
      icmp6                                         | (ip proto 58 or icmp6)
      ip proto gre                                  | (ip proto 47 or ip6 proto 47)
      ip6                                           | ip6
      vlan 10                                       | ((ether[12:2] = 0x8100 or ether[12:2] = 0x88a8 or ether[12:2] = 0x9100) and ether[14:2] & 0xfff = 10)
      mpls 20                                       | ((ether[12:2] = 0x8847 or ether[12:2] = 0x8848) and ether[14:4] >> 12 = 20)
      not tcp or udp                                | (not tcp) or udp
      tcp and (udp or icmp6)                        | tcp and (udp or (ip proto 58 or icmp6))
      after 2026-11-27T10:00:00Z and port 53        | port 53
      port 53 and before 2026-11-27T10:00:00Z       | port 53
      """)
  void printsLibpcapsEquivalent(String query, String bpf) {
    assertThat(BpfSyntax.print(parser.parse(query))).isEqualTo(bpf);
  }

  @Test
  void aTimeOnlyQueryIsTheEmptyFilter() {
    assertThat(BpfSyntax.print(parser.parse("after 1h ago and before 5m ago"))).isEmpty();
  }

  @Test
  void refusesTimeUnderOrBecauseBpfHasNoTime() {
    assertThatThrownBy(() -> BpfSyntax.print(parser.parse("tcp or after 2026-11-27T10:00:00Z")))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("'after 2026-11-27T10:00:00Z' sits under 'or' or 'not', and BPF has no time; "
            + "only time bounds joined to the whole query with 'and' can be left out");
  }
}
