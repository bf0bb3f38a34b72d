package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error message an analyst will meet, word for word, with the column it points at. */
class QueryParserErrorsTest {
  private final QueryParser parser =
      new QueryParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
      port 80 and host foo            | error at column 18: expected an IP address after 'host', found 'foo' (host names are not looked up; give an address)
      host                            | error at column 5: expected an IP address after 'host', found end of query
      host 1.2.3                      | error at column 6: expected an IP address after 'host': '1.2.3' is not an IP address
      host 1.2.3.256                  | error at column 6: expected an IP address after 'host': '1.2.3.256' has an octet over 255
      host 010.0.0.1                  | error at column 6: expected an IP address after 'host': '010.0.0.1' has an octet with a leading zero; write it without the zero
      host fe80::1%eth0               | error at column 6: expected an IP address after 'host': 'fe80::1%eth0' has a zone id; write the address without '%...'
      host 10.0.0.0/8                 | error at column 6: '10.0.0.0/8' is a network; write 'net 10.0.0.0/8' instead of 'host'
      net 10.1.2.3/8                  | error at column 5: '10.1.2.3/8' has host bits set; did you mean '10.0.0.0/8'?
      net 10.0.0.0/33                 | error at column 14: expected a prefix length 0-32 after '/', found '33'
      net 10.0.0.0                    | error at column 13: expected '/length' or 'mask M' after 'net 10.0.0.0', found end of query (write 'net 10.0.0.0/24', for example)
      net 10.0.0.0 mask 255.0.255.0   | error at column 19: mask '255.0.255.0' is not contiguous; only masks like 255.255.0.0 are supported
      port 65536                      | error at column 6: expected a port number 0-65535 after 'port', found '65536' (over 65535)
      port http                       | error at column 6: expected a port number 0-65535 after 'port', found 'http'
      port 1000-2000                  | error at column 6: port ranges are written 'portrange 1000-2000'
      portrange 2000-1000             | error at column 11: port range '2000-1000' is backwards; write '1000-2000'
      portrange 80                    | error at column 11: expected a port range such as 1024-2047 after 'portrange', found '80'
      ip proto foo                    | error at column 10: expected a protocol number 0-255 or name after 'proto', found 'foo'; names: icmp igmp ipip tcp egp udp ipv6 rsvp gre esp ah icmp6 eigrp ospf pim vrrp l2tp sctp
      vlan 4096                       | error at column 6: expected a VLAN id after 'vlan', found '4096' (over 4095)
      mpls                            | error at column 5: expected an MPLS label after 'mpls', found end of query
      src 80                          | error at column 5: expected 'host', 'net', 'port' or 'portrange' after 'src', found '80'
      after 2026-11-27T10:00:00       | error at column 7: time '2026-11-27T10:00:00' has no zone; write 2026-11-27T10:00:00Z for UTC or add an offset such as 2026-11-27T10:00:00+02:00
      after 2026-11-27                | error at column 7: time '2026-11-27' has no time of day; write 2026-11-27T00:00:00Z
      after yesterday                 | error at column 7: 'yesterday' is not a time; write RFC 3339 such as 2026-11-27T10:00:00Z or a relative time such as 5m ago
      after 5m                        | error at column 9: expected 'ago' after '5m', found end of query (write 'after 5m ago')
      after 1969-12-31T23:59:59Z      | error at column 7: time '1969-12-31T23:59:59Z' is out of range; times run from 1970 to 9999
      before 99999d ago               | error at column 8: duration '99999d' is longer than 36525 days
      host 10.0.0.1 port 80           | error at column 15: expected 'and', 'or' or end of query, found 'port' (join primitives with 'and' or 'or')
      HOST 10.0.0.1                   | error at column 1: keywords are lower case: write 'host', not 'HOST'
      10.0.0.1                        | error at column 1: expected a primitive, found address '10.0.0.1'; write 'host 10.0.0.1'
      hots 10.0.0.1                   | error at column 1: unknown primitive 'hots'; expected host, net, port, portrange, src, dst, ip, ip6, tcp, udp, sctp, icmp, icmp6, vlan, mpls, bpf, after or before
      (tcp or udp                     | error at column 12: expected 'and', 'or' or ')' to close the '(' at column 1, found end of query
      tcp)                            | error at column 4: ')' has no matching '('
      tcp and                         | error at column 8: expected a primitive such as 'host 10.0.0.1', found end of query
      tcp & udp                       | error at column 5: unexpected '&'; did you mean '&&'?
      not                             | error at column 4: expected a primitive such as 'host 10.0.0.1', found end of query
      and tcp                         | error at column 1: expected a primitive such as 'host 10.0.0.1', found 'and'
      "   "                           | error at column 4: the query is empty; try 'host 10.0.0.1'
      """)
  void explainsTheMistakeAndWhereItIs(String query, String message) {
    assertThatThrownBy(() -> parser.parse(query))
        .isInstanceOf(QueryParseException.class)
        .hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void refusesTextLongerThanTheLimit() {
    String query = "tcp or ".repeat(QueryParser.MAX_LENGTH / 7) + "udp";
    assertThatThrownBy(() -> parser.parse(query))
        .hasMessage("error at column 65537: query is longer than 65536 characters");
  }

  @org.junit.jupiter.api.Test
  void refusesNestingDeeperThanTheLimit() {
    String query = "(".repeat(65) + "tcp" + ")".repeat(65);
    assertThatThrownBy(() -> parser.parse(query))
        .hasMessage("error at column 65: query is nested deeper than 64 levels");
  }

  @org.junit.jupiter.api.Test
  void refusesMorePrimitivesThanTheLimit() {
    String query = "tcp or ".repeat(QueryParser.MAX_PRIMITIVES) + "udp";
    assertThatThrownBy(() -> parser.parse(query))
        .hasMessageEndingWith("query has more than 4096 primitives");
  }
}
