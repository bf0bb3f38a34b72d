package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ParseCommandTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int docket(String... args) {
    return DocketCommand.execute(clock, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void printsEachFormOnALabelledLine() {
    int exit = docket("parse", "src host 10.0.0.1 and port 53 and after 1h ago");
    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "docket:       src host 10.0.0.1 and port 53 and after 2026-11-27T11:00:00Z",
                "stenographer: host 10.0.0.1 and (port 53 or ip proto 132 or ip proto 51) and after 2026-11-27T11:00:00Z",
                "              (a superset; Docket filters the rest exactly: src/dst (Stenographer matches "
                    + "either direction); SCTP ports (Stenographer indexes TCP and UDP ports only; asked for ip proto 132 too); "
                    + "IPv6 AH (Stenographer stops at it; asked for ip proto 51 too); Stenographer's decoding (its index also "
                    + "finds frames Docket's filter would not); time (Stenographer keeps whole files around each bound))",
                "bpf:          ip src host 10.0.0.1 and port 53",
                "window:       [2026-11-27T11:00:00Z, +inf)",
                ""));
  }

  @Test
  void joinsSeveralWordsIntoOneQuery() {
    assertThat(docket("parse", "--canonical", "tcp", "port", "80")).isZero();
    assertThat(out.toString()).isEqualTo("tcp and port 80" + System.lineSeparator());
  }

  @Test
  void printsOnlyTheBpfFormForScripts() {
    assertThat(docket("parse", "--bpf", "host 10.0.0.1 and after 1h ago")).isZero();
    assertThat(out.toString()).isEqualTo("ip host 10.0.0.1" + System.lineSeparator());
  }

  @Test
  void printsOnlyTheStenographerForm() {
    assertThat(docket("parse", "--stenographer", "not tcp")).isZero();
    assertThat(out.toString()).isEqualTo("after 1970-01-01T00:00:00Z" + System.lineSeparator());
  }

  @Test
  void saysWhyBpfCannotSayATimeUnderOr() {
    assertThat(docket("parse", "tcp or after 1h ago")).isZero();
    assertThat(out.toString()).contains("bpf:          (none: 'after 2026-11-27T11:00:00Z' sits under 'or'");
    assertThat(docket("parse", "--bpf", "tcp or after 1h ago")).isEqualTo(2);
    assertThat(err.toString()).startsWith("docket: 'after 2026-11-27T11:00:00Z' sits under 'or'");
  }

  @Test
  void aBadQueryExitsTwoWithOneLineOnStderr() {
    assertThat(docket("parse", "host foo")).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo("docket: error at column 6: expected an IP address after 'host', found 'foo' "
            + "(host names are not looked up; give an address); as a tcpdump filter, bpf \"host foo\": libpcap would look "
            + "'foo' up as a host name, and Docket never looks names up; give an address" + System.lineSeparator());
  }

  @Test
  void aTcpdumpFilterIsReadAsBpfAndSaysSo() {
    assertThat(docket("parse", "tcp[tcpflags] & tcp-syn != 0")).isZero();
    assertThat(out.toString())
        .startsWith("docket:       bpf \"tcp[tcpflags] & tcp-syn != 0\"" + System.lineSeparator()
            + "              (not Docket's language, but libpcap compiles it: read as a tcpdump filter")
        .contains("bpf:          (tcp[tcpflags] & tcp-syn != 0)");
  }

  @Test
  void aTcpdumpFilterShowsWhatDocketCouldAskNatively() {
    assertThat(docket("parse", "host 10.1.2.3 and tcp[13] & 2 != 0")).isZero();
    assertThat(out.toString()).contains("(written as host 10.1.2.3 and bpf \"tcp[13] & 2 != 0\", Docket would ask the sources natively");
  }

  @Test
  void aBpfExpressionLibpcapRefusesExitsTwoInLibpcapsWords() {
    assertThat(docket("parse", "bpf \"tcp[\"")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("docket: bpf \"tcp[\": libpcap refuses it: can't parse filter expression: syntax error" + System.lineSeparator());
  }

  @Test
  void aMissingQueryIsAUsageError() {
    assertThat(docket("parse")).isEqualTo(2);
    assertThat(err.toString()).startsWith("docket: Missing required parameter: 'QUERY'");
  }

  @Test
  void twoFormsAtOnceIsAUsageError() {
    assertThat(docket("parse", "--bpf", "--canonical", "tcp")).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }

  @Test
  void noCommandShowsUsage() {
    assertThat(docket()).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: docket").contains("parse");
  }
}
