package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each construct of the language means, shown through its canonical form. */
class QueryParserTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.750Z");
  private final QueryParser parser = new QueryParser(Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock = """
      host 10.0.0.1                           => host 10.0.0.1
      src host 10.0.0.1                       => src host 10.0.0.1
      dst 10.0.0.1                            => dst host 10.0.0.1
      host 2001:DB8:0:0:0:0:0:1               => host 2001:db8::1
      host ::ffff:10.0.0.1                    => host ::ffff:a00:1
      net 10.0.0.0 mask 255.255.0.0           => net 10.0.0.0/16
      dst net 2001:db8::/32                   => dst net 2001:db8::/32
      portrange 1000-1000                     => port 1000
      src portrange 1-1023                    => src portrange 1-1023
      ip proto 6                              => tcp
      ip proto gre                            => ip proto gre
      ip proto 250                            => ip proto 250
      ip                                      => ip
      tcp port 80                             => tcp and port 80
      udp dst port 53                         => udp and dst port 53
      sctp portrange 1-2                      => sctp and portrange 1-2
      ! tcp && vlan 10 || mpls 7              => (not tcp and vlan 10) or mpls 7
      """)
  void readsEachConstruct(String query, String canonical) {
    assertThat(QuerySyntax.print(parser.parse(query))).isEqualTo(canonical);
  }

  @Test
  void andAndOrBindEquallyLeftToRight() {
    // pcap-filter's rule, which Stenographer shares: not 'a or (b and c)'.
    assertThat(parser.parse("tcp or udp and port 53"))
        .isEqualTo(new And(new Or(Proto.TCP, Proto.UDP), Port.of(53)));
    assertThat(parser.parse("tcp and udp or port 53"))
        .isEqualTo(new Or(new And(Proto.TCP, Proto.UDP), Port.of(53)));
  }

  @Test
  void notBindsTighterThanAndOr() {
    assertThat(parser.parse("not tcp and udp")).isEqualTo(new And(new Not(Proto.TCP), Proto.UDP));
    assertThat(parser.parse("not (tcp and udp)")).isEqualTo(new Not(new And(Proto.TCP, Proto.UDP)));
  }

  @Test
  void parenthesesGroup() {
    assertThat(parser.parse("tcp or (udp and port 53)"))
        .isEqualTo(new Or(Proto.TCP, new And(Proto.UDP, Port.of(53))));
  }

  @Test
  void tcpPortIsTcpAndPortAsOneOperand() {
    assertThat(parser.parse("tcp port 80 or udp port 53"))
        .isEqualTo(new Or(new And(Proto.TCP, Port.of(80)), new And(Proto.UDP, Port.of(53))));
  }

  @Test
  void absoluteTimesKeepTheirInstantWhateverTheZone() {
    assertThat(parser.parse("after 2026-11-27T12:00:00+02:00"))
        .isEqualTo(TimeBound.after(Instant.parse("2026-11-27T10:00:00Z")));
    assertThat(parser.parse("before 2026-11-27t10:00:00.123456789z"))
        .isEqualTo(TimeBound.before(Instant.parse("2026-11-27T10:00:00.123456789Z")));
  }

  @ParameterizedTest(name = "{0} ago")
  @CsvSource({
    "5m, 2026-11-27T11:55:00Z",
    "2h, 2026-11-27T10:00:00Z",
    "1d, 2026-11-26T12:00:00Z",
    "1h30m, 2026-11-27T10:30:00Z",
    "90s, 2026-11-27T11:58:30Z",
    "1w, 2026-11-20T12:00:00Z",
    "1.5h, 2026-11-27T10:30:00Z",
    "250ms, 2026-11-27T11:59:59.750Z"
  })
  void relativeTimesCountBackFromTheClocksCurrentSecond(String ago, String expected) {
    assertThat(parser.parse("after " + ago + " ago")).isEqualTo(TimeBound.after(Instant.parse(expected)));
  }

  @Test
  void printsCanonicalTimesInUtcWithOnlyTheDigitsNeeded() {
    assertThat(QuerySyntax.print(parser.parse("after 2026-11-27T12:00:00.500+01:00 and before 2026-11-27T12:00:00Z")))
        .isEqualTo("after 2026-11-27T11:00:00.500Z and before 2026-11-27T12:00:00Z");
  }
}
