package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tcpdump, an independent decoder, reads 20,000 generated packets as intended: every kind of
 * traffic is there, every checksum is right, and DNS, HTTP and addresses decode as written.
 */
class TcpdumpDecodesTheMixTest {
  /** What tcpdump -vv prints for a wrong IPv4, TCP, UDP, ICMP or ICMPv6 checksum. */
  private static final Pattern BAD_CHECKSUM =
      Pattern.compile("bad cksum|\\(incorrect|bad udp cksum|wrong icmp cksum|bad icmp6 cksum");

  @TempDir static Path directory;
  private static Path capture;
  private static Tcpdump tcpdump;

  @BeforeAll
  static void generate() throws IOException {
    tcpdump = Tcpdump.require();
    capture = directory.resolve("synthetic.pcap");
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(2024, 20_000))) {
      assertThat(ClassicPcapFile.write(traffic, capture)).isEqualTo(20_000);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "vlan",
        "ether proto 0x88a8", // QinQ's service tag
        "mpls",
        "ip6",
        "arp",
        "ip[6:2] & 0x3fff != 0", // IPv4 fragments
        "ip6 proto 44", // IPv6 fragments
        "udp port 53",
        "tcp port 80",
        "tcp port 443",
        "tcp port 22",
        "icmp",
        "icmp6",
        "ip6 proto 0", // hop-by-hop options
        "ip6 proto 60", // destination options first
        "ip6 and tcp",
        "ip6 and udp"
      })
  void everyKindOfTrafficIsPresent(String filter) throws Exception {
    assertThat(tcpdump.count(capture, filter)).as(filter).isPositive();
  }

  @Test
  void tcpdumpFindsNoBadChecksum() throws Exception {
    List<String> lines = tcpdump.read(capture, List.of("-vv"), "");
    assertThat(lines.stream().filter(line -> BAD_CHECKSUM.matcher(line).find())).isEmpty();
    // Evidence that tcpdump checked rather than skipped: it says so for each protocol.
    String all = String.join("\n", lines);
    assertThat(all).contains("(correct)", "[udp sum ok]", "[icmp6 sum ok]");
  }

  @Test
  void dnsIsWellFormed() throws Exception {
    List<String> lines = tcpdump.read(capture, List.of("-vv"), "udp port 53");
    assertThat(lines).isNotEmpty();
    assertThat(lines).noneMatch(line -> line.contains("[|domain]") || line.contains("[malformed"));
    assertThat(String.join("\n", lines)).contains(" A? ", " AAAA? ", " q: A? ", "NXDomain");
  }

  @Test
  void httpIsRealText() throws Exception {
    String text = String.join("\n", tcpdump.read(capture, List.of("-A"), "tcp port 80"));
    assertThat(text)
        .contains("GET /", " HTTP/1.1", "Host: ", "HTTP/1.1 200 OK", "Content-Length: ", "<p>");
  }

  @Test
  void tlsStartsWithAClientHello() throws Exception {
    // The first payload byte is 22 (handshake) and the sixth 1 (ClientHello): libpcap reads
    // transport bytes of IPv4 only.
    String clientHello =
        "ip and tcp dst port 443 and tcp[((tcp[12] & 0xf0) >> 2)] = 22 and tcp[((tcp[12] & 0xf0) >>"
            + " 2) + 5] = 1";
    assertThat(tcpdump.count(capture, clientHello)).isPositive();
  }

  @Test
  void everyAddressLiesInTheSiteNetworks() throws Exception {
    long untaggedIp = tcpdump.count(capture, "ip or ip6");
    assertThat(untaggedIp).isPositive();
    assertThat(
            tcpdump.count(
                capture, "(ip or ip6) and (" + inSite("src") + ") and (" + inSite("dst") + ")"))
        .isEqualTo(untaggedIp);
  }

  /** {@code src net A or src net B ...} over the site's networks. */
  private static String inSite(String direction) {
    return SyntheticTraffic.networks().stream()
        .map(net -> direction + " net " + net.network() + "/" + net.prefixLength())
        .collect(Collectors.joining(" or "));
  }
}
