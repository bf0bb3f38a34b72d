package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docket's form fields and URL paths, as old integrations (Kibana click-to-PCAP) send them. */
class QueryFormTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      /host/1.2.3.4/                                  | host 1.2.3.4
      /host/1.2.3.4/host/4.5.6.7/                     | host 1.2.3.4 and host 4.5.6.7
      /host/1.2.3.4/4.5.6.7                           | host 1.2.3.4 and host 4.5.6.7
      /net/1.2.3.0/24/                                | net 1.2.3.0/24
      /net/1.2.3.0/24/10.0.0.0/8                      | net 1.2.3.0/24 and net 10.0.0.0/8
      /port/80/                                       | port 80
      /port/80/443                                    | port 80 and port 443
      /proto/6/                                       | tcp
      /tcp/                                           | tcp
      /tcp/port/80/                                   | tcp and port 80
      /udp/host/192.168.254.201/port/53/after/3m/     | host 192.168.254.201 and udp and port 53 and after 2026-11-27T11:57:00Z
      /before/2017-04-30/                             | before 2017-04-30T00:00:00Z
      /before/2017-04-30T13:26:43Z/                   | before 2017-04-30T13:26:43Z
      /before/45m/                                    | before 2026-11-27T11:15:00Z
      /after/3h30m/                                   | after 2026-11-27T08:30:00Z
      /after/3.5h/                                    | after 2026-11-27T08:30:00Z
      /host/2001:db8::1/gre                           | host 2001:db8::1 and ip proto gre
      """)
  void readsDocketPaths(String path, String canonical) {
    assertThat(QuerySyntax.print(QueryForm.fromPath(path, clock).query())).isEqualTo(canonical);
  }

  @Test
  void readsFormFieldsAndJoinsThemWithAnd() {
    FormQuery form =
        QueryForm.fromFields(
            Map.of(
                "host", List.of("192.168.254.201"),
                "proto-name", List.of("udp"),
                "port", List.of("53"),
                "after-ago", List.of("3h30"),
                "before", List.of(""),
                "limit-packets", List.of("1000")),
            clock);
    assertThat(QuerySyntax.print(form.query()))
        .isEqualTo("host 192.168.254.201 and udp and port 53 and after 2026-11-27T08:30:00Z");
    assertThat(form.limitPackets()).isEqualTo(OptionalLong.of(1000));
    assertThat(form.limitBytes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      hots          | 1.2.3.4        | unknown field 'hots'; known fields: host, net, proto, proto-name, port, after, after-ago, before, before-ago, limit-packets, limit-bytes
      host          | example.com    | field 'host': 'example.com' is not an IP address
      net           | 10.1.0.0/8     | field 'net': '10.1.0.0/8' has host bits set; did you mean 10.0.0.0/8?
      net           | 10.0.0.0       | field 'net': '10.0.0.0' has no prefix length; write it as 10.0.0.0/24, for example
      port          | 70000          | field 'port': '70000' is not a number from 0 to 65535
      proto         | 300            | field 'proto': '300' is not a number from 0 to 255
      proto-name    | 6              | field 'proto-name': unknown protocol '6'; known: icmp igmp ipip tcp egp udp ipv6 rsvp gre esp ah icmp6 eigrp ospf pim vrrp l2tp sctp
      after         | 2026-11-27 10:00 | field 'after': '2026-11-27 10:00' is not a time; write RFC 3339 such as 2026-11-27T10:00:00Z or a relative time such as 5m ago
      after-ago     | soon           | field 'after-ago': 'soon' is not a duration; write it like 90s, 5m, 1h30m, 3.5h, 2d or 1w
      limit-bytes   | 0              | field 'limit-bytes': a limit of 0 returns nothing; give a positive number
      """)
  void namesTheFieldThatIsWrong(String field, String value, String message) {
    assertThatThrownBy(() -> QueryForm.fromFields(Map.of(field, List.of(value)), clock))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage(message);
  }

  @Test
  void refusesAnEmptyForm() {
    assertThatThrownBy(() -> QueryForm.fromFields(Map.of("host", List.of(" ")), clock))
        .hasMessageStartingWith("no query: give at least one of");
  }

  @Test
  void refusesAFieldGivenTwiceThatTakesOneValue() {
    assertThatThrownBy(() -> QueryForm.fromFields(Map.of("proto", List.of("6", "17")), clock))
        .hasMessage("field 'proto' is given 2 times; give it once");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      /hots/1.2.3.4   | unknown path segment 'hots'; expected host, net, port, proto, after, before, limit-packets, limit-bytes or a protocol name (icmp igmp ipip tcp egp udp ipv6 rsvp gre esp ah icmp6 eigrp ospf pim vrrp l2tp sctp)
      /host/          | path ends after 'host'; give its value: /host/...
      /net/10.0.0.0   | path ends after 'net'; give its value: /net/...
      /after/soon     | field 'after-ago': 'soon' is not a duration; write it like 90s, 5m, 1h30m, 3.5h, 2d or 1w
      /               | no query: give at least one of host, net, port, proto, proto-name, after, before, after-ago or before-ago
      """)
  void explainsBadPaths(String path, String message) {
    assertThatThrownBy(() -> QueryForm.fromPath(path, clock))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage(message);
  }
}
