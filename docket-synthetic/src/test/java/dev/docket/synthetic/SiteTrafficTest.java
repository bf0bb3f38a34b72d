package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A minute of a site's traffic with both incidents, read by tcpdump: the scan and the tunnel are
 * there as their tools would send them, every checksum is right, and the stretch keeps to its
 * minute.
 */
class SiteTrafficTest {
  private static final Instant START = Instant.parse("2026-12-04T09:00:00Z");
  private static final Instant END = START.plusSeconds(60);

  @TempDir static Path directory;
  private static Path capture;
  private static Tcpdump tcpdump;
  private static IncidentHosts who;

  @BeforeAll
  static void generate() throws IOException {
    tcpdump = Tcpdump.require();
    capture = directory.resolve("minute.pcap");
    try (SiteTraffic traffic = new SiteTraffic(1, 7, START, END, 50, EnumSet.allOf(Incident.class))) {
      who = traffic.incidentHosts();
      ClassicPcapFile.write(traffic, capture);
    }
  }

  @Test
  void theIncidentHostsDependOnTheSiteAlone() {
    assertThat(SiteTraffic.incidentHosts(1)).isEqualTo(who);
    assertThat(new SiteTraffic(1, 8, START, END, 50, Set.of()).incidentHosts()).isEqualTo(who);
    assertThat(SiteTraffic.incidentHosts(2)).isNotEqualTo(who);
    assertThat(SyntheticTraffic.networks()).anyMatch(net -> net.contains(who.scanner()));
  }

  @Test
  void theScanSendsOneSynToEachOfTheFirst1024PortsAndOnlyTheOpenOnesAnswerSynAck() throws Exception {
    String fromScanner = "src host " + who.scanner() + " and dst host " + who.scanned();
    assertThat(tcpdump.count(capture, fromScanner + " and tcp[tcpflags] == tcp-syn")).isEqualTo(1024);
    assertThat(tcpdump.count(capture, fromScanner + " and tcp[tcpflags] == tcp-syn and dst portrange 1-1024")).isEqualTo(1024);
    String toScanner = "src host " + who.scanned() + " and dst host " + who.scanner();
    assertThat(tcpdump.count(capture, toScanner + " and tcp[tcpflags] == tcp-syn|tcp-ack")).isEqualTo(3);
    assertThat(tcpdump.count(capture, toScanner + " and tcp[tcpflags] == tcp-syn|tcp-ack and (src port 22 or src port 80 or src port 443)")).isEqualTo(3);
    assertThat(tcpdump.count(capture, toScanner + " and tcp[tcpflags] & tcp-rst != 0")).isEqualTo(1021);
    assertThat(tcpdump.count(capture, fromScanner + " and tcp[tcpflags] == tcp-rst")).isEqualTo(3);
  }

  @Test
  void theTunnelIsABurstOfWellFormedTxtQueriesOnTheClientsVlan() throws Exception {
    String tunnel = "vlan 102 and udp port 53 and host " + who.tunnelClient() + " and host " + who.resolver();
    List<String> lines = tcpdump.read(capture, List.of("-vv"), tunnel);
    assertThat(lines.stream().filter(line -> line.contains("+ TXT? ") && line.contains(".t.exfil.example. ("))).hasSize(250);
    assertThat(lines.stream().filter(line -> line.contains(" TXT \""))).hasSize(250);
    assertThat(lines).noneMatch(line -> line.contains("[|domain]") || line.contains("[malformed") || line.contains("bad udp cksum"));
  }

  @Test
  void everyChecksumIsRightAndEveryPacketIsInTheMinute() throws Exception {
    List<String> lines = tcpdump.read(capture, List.of("-vv", "-tt"), "");
    assertThat(lines).noneMatch(line -> line.contains("bad cksum") || line.contains("(incorrect") || line.contains("bad udp cksum"));
    long first = START.getEpochSecond();
    long last = END.getEpochSecond();
    assertThat(lines.stream().filter(line -> !line.startsWith(" ") && !line.startsWith("\t")))
        .allSatisfy(line -> assertThat(Double.parseDouble(line.substring(0, line.indexOf(' ')))).isBetween((double) first, (double) last));
  }

  @Test
  void aStretchIsTheSameBytesWheneverItIsMadeAndAnotherStreamSeedIsOtherTraffic() {
    try (SiteTraffic first = new SiteTraffic(1, 7, START, END, 50, EnumSet.allOf(Incident.class));
        SiteTraffic again = new SiteTraffic(1, 7, START, END, 50, EnumSet.allOf(Incident.class));
        SiteTraffic other = new SiteTraffic(1, 8, START, END, 50, EnumSet.allOf(Incident.class))) {
      long previous = Long.MIN_VALUE;
      int packets = 0;
      int differing = 0;
      while (first.next()) {
        assertThat(again.next()).isTrue();
        assertThat(again.packet().timestampNanos()).isEqualTo(first.packet().timestampNanos());
        assertThat(again.packet().copyBytes()).isEqualTo(first.packet().copyBytes());
        assertThat(first.packet().timestampNanos()).isGreaterThanOrEqualTo(previous);
        previous = first.packet().timestampNanos();
        if (other.next() && !java.util.Arrays.equals(other.packet().copyBytes(), first.packet().copyBytes())) {
          differing++;
        }
        packets++;
      }
      assertThat(again.next()).isFalse();
      assertThat(packets).isGreaterThan(2 * 1024 + 500);
      assertThat(differing).isGreaterThan(packets / 2);
    }
  }
}
