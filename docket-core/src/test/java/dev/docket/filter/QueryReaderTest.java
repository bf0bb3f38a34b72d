package dev.docket.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.query.And;
import dev.docket.query.Bpf;
import dev.docket.query.Host;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.IpAddress;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.QueryParseException;
import dev.docket.query.QueryParser;
import dev.docket.query.QuerySyntax;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Reading what analysts paste: Docket's language first, a whole tcpdump filter when that fails and
 * libpcap compiles it, and one error naming both when neither reads it; hostile bpf strings are
 * refused in words, never by a crash inside libpcap.
 */
class QueryReaderTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T10:00:00Z"), ZoneOffset.UTC);
  private final QueryReader reader = new QueryReader(CLOCK);

  @Test
  void docketsLanguageIsReadAsDocketsEvenWhereTcpdumpWouldReadItToo() {
    QueryReader.Reading reading = reader.reading("host 10.1.2.3 and tcp");
    assertThat(reading.asTcpdump()).isFalse();
    assertThat(reading.query()).isEqualTo(new And(new Host(dev.docket.query.Direction.EITHER, IpAddress.parse("10.1.2.3")), Proto.TCP));
  }

  @Test
  void aTcpdumpFilterThatIsNotDocketsIsTakenWholeAsBpf() {
    for (String filter : new String[] {"tcp[tcpflags] & tcp-syn != 0", "arp", "ether host 00:11:22:33:44:55", "vlan and tcp", "mpls", "greater 1000", "icmp[icmptype] == icmp-echo"}) {
      QueryReader.Reading reading = reader.reading(filter);
      assertThat(reading.asTcpdump()).as(filter).isTrue();
      assertThat(reading.query()).as(filter).isEqualTo(new Bpf(filter));
    }
  }

  @Test
  void theDocketTermsOfATcpdumpFilterAreSplitOffAsASuggestion() {
    QueryReader.Reading reading = reader.reading("host 10.1.2.3 and tcp[13] & 2 != 0 and udp or tcp[0] = 1");
    // "udp or tcp[0] = 1" is one top-level term of or: left in bpf with the flags test.
    assertThat(reading.split().map(QuerySyntax::print)).isEmpty();
    assertThat(reader.reading("host 10.1.2.3 && (tcp[13] & 2 != 0) and port 80").split().map(QuerySyntax::print))
        .hasValue("host 10.1.2.3 and port 80 and bpf \"(tcp[13] & 2 != 0)\"");
    assertThat(reader.reading("arp").split()).isEmpty();
  }

  @Test
  void whatNeitherReadsIsOneErrorWithDocketsColumnAndLibpcapsWords() {
    assertThatThrownBy(() -> reader.read("host 10.1.2.3 and port 80 )"))
        .isInstanceOfSatisfying(QueryParseException.class, error -> {
          assertThat(error.column()).isEqualTo(27);
          assertThat(error.getMessage()).contains("as a tcpdump filter, libpcap says: ").contains("syntax error");
        });
    // A name libpcap would resolve is refused before libpcap sees it: no DNS query, ever.
    assertThatThrownBy(() -> reader.read("host 10.1.2.3 andd port 80"))
        .isInstanceOfSatisfying(QueryParseException.class, error -> {
          assertThat(error.column()).isEqualTo(15);
          assertThat(error.getMessage()).contains("libpcap would look 'andd' up as a host name, and Docket never looks names up");
        });
  }

  @Test
  void hostileBpfStringsAreRefusedInWords() {
    assertThatThrownBy(() -> reader.read("bpf \"tcp")).isInstanceOf(QueryParseException.class).hasMessageContaining("has no closing '\"'");
    assertThatThrownBy(() -> reader.read("bpf \"tcp[\"")).isInstanceOf(InvalidQueryException.class).hasMessageContaining("libpcap refuses it");
    assertThatThrownBy(() -> reader.read("bpf \"\"")).isInstanceOf(QueryParseException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> reader.read("bpf \"tcp\u0000 or udp\"")).isInstanceOf(QueryParseException.class).hasMessageContaining("control character");
    assertThatThrownBy(() -> reader.read("bpf tcp")).isInstanceOf(QueryParseException.class).hasMessageContaining("in double quotes");
    assertThatThrownBy(() -> reader.read("bpf \"" + "x".repeat(Bpf.MAX_LENGTH + 1) + "\"")).isInstanceOf(QueryParseException.class).hasMessageContaining("longer than");
    // Long but within bounds, and deeply nested: libpcap compiles or refuses it, and says which.
    String wide = "port 1" + " or port 2".repeat(600);
    assertThat(reader.read("bpf \"" + wide + "\"")).isEqualTo(new Bpf(wide));
    String deep = "(".repeat(2000) + "tcp" + ")".repeat(2000);
    try {
      reader.read("bpf \"" + deep + "\"");
    } catch (InvalidQueryException refused) {
      assertThat(refused.getMessage()).contains("libpcap");
    }
    assertThatThrownBy(() -> reader.read("bpf \"ip broadcast or ether host zz:zz\"")).isInstanceOf(InvalidQueryException.class).hasMessageContaining("libpcap refuses it");
  }

  @Test
  void anExpressionLibpcapProvesEmptyIsAFilterThatKeepsNothing() {
    Query nothing = reader.read("bpf \"tcp and udp\"");
    assertThat(PacketFilter.compile(nothing).matches(new dev.docket.packet.PacketView())).isFalse();
  }

  @Provide
  Arbitrary<String> expressions() {
    return Arbitraries.strings().withChars("tcp[]&!=\"\\ 01x()|").ofMinLength(1).ofMaxLength(40).filter(text -> !text.isBlank());
  }

  /** Any expression prints as bpf "..." and reads back the same, quotes and backslashes and all. */
  @Property(tries = 500)
  void aBpfExpressionPrintsAndParsesBackUnchanged(@ForAll("expressions") String expression) {
    Bpf bpf = new Bpf(expression);
    assertThat(new QueryParser(CLOCK).parse(QuerySyntax.print(bpf))).isEqualTo(bpf);
  }
}
