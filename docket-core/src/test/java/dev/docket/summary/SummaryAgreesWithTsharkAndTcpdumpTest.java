package dev.docket.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.pcap.CaptureReader;
import dev.docket.testing.Corpus;
import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A summary of a real capture says what Wireshark and tcpdump say of it: totals, packets and bytes
 * per time bucket, per protocol, per conversation and per host as tshark's dissectors count them,
 * and first-packet lines whose time, addresses, ports and protocol are tcpdump's.
 *
 * <p>The captures were picked for variety: TCP, UDP and ARP with IPv6 multicast beside them; ICMP
 * and ARP behind an 802.1Q tag; TCP behind QinQ; ICMPv6 with errors that quote inner headers;
 * SCTP; IPv4 and IPv6 fragments; Linux cooked capture v2; LLDP and 802.3 LLC; GRE tunnels; and
 * 13,622 Modbus packets over a minute, whose histogram merges its buckets many times.
 */
class SummaryAgreesWithTsharkAndTcpdumpTest {
  private static final Pattern TCPDUMP_LINE = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) (.*)");
  /** Where tcpdump's words start after the time; a cooked capture puts the interface first. */
  private static final Pattern TCPDUMP_PROTOCOL_START = Pattern.compile("\\b(IP |IP6 |ARP, |LLDP|CDP)");
  /** tcpdump puts the ports of an IPv6 first fragment after the fragment header's numbers. */
  private static final Pattern TCPDUMP_IPV6_FIRST_FRAGMENT =
      Pattern.compile("(IP6 \\S+) > (\\S+): frag \\(0\\|\\d+\\) (\\d+) > (\\d+): (.*)");

  @ParameterizedTest
  @ValueSource(strings = {
    "var-services-std-ports.pcap", "icmp_dot1q.pcap", "http-qinq-0.pcap", "communityid_icmp6.pcap",
    "communityid_sctp.pcap", "ipv4_fragmented-1.pcap", "ipv6-fragmented-dns.pcap", "linux_dlt_sll2.pcap",
    "LLDP_and_CDP.pcap", "tunnels_gre-aruba.pcap", "modbus_modbusBig.pcap"
  })
  void countsAreTsharks(String name) throws Exception {
    Path capture = capture(name);
    new SummaryModel(TsharkPackets.read(capture)).assertAgrees(summarize(capture, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "var-services-std-ports.pcap", "icmp_dot1q.pcap", "http-qinq-0.pcap", "communityid_icmp6.pcap",
    "communityid_sctp.pcap", "ipv4_fragmented-1.pcap", "ipv6-fragmented-dns.pcap", "linux_dlt_sll2.pcap",
    "LLDP_and_CDP.pcap", "tunnels_gre-aruba.pcap"
  })
  void firstPacketLinesSayWhatTcpdumpSays(String name) throws Exception {
    Path capture = capture(name);
    List<String> ours = summarize(capture, 20).firstPackets();
    List<String> theirs = tcpdumpLines(capture, 20);
    assertThat(ours).hasSameSizeAs(theirs);
    for (int i = 0; i < ours.size(); i++) {
      Matcher mine = TCPDUMP_LINE.matcher(ours.get(i));
      Matcher reference = TCPDUMP_LINE.matcher(theirs.get(i));
      assertThat(mine.matches() && reference.matches()).as("%s / %s", ours.get(i), theirs.get(i)).isTrue();
      assertThat(mine.group(1)).as("time of packet %s", i).isEqualTo(reference.group(1));
      assertSameWords(mine.group(2), reference.group(2));
    }
  }

  /**
   * IP lines agree up to the colon (version, addresses, ports) and name the protocol tcpdump shows
   * where it shows one; ARP and RARP lines agree up to tcpdump's length. Other frames tcpdump decodes at
   * length, and only their time is compared.
   */
  private static void assertSameWords(String ours, String tcpdumps) {
    Matcher start = TCPDUMP_PROTOCOL_START.matcher(tcpdumps);
    assertThat(start.find()).as("tcpdump's line: %s", tcpdumps).isTrue();
    String theirs = TCPDUMP_IPV6_FIRST_FRAGMENT.matcher(tcpdumps.substring(start.start())).replaceFirst("$1.$3 > $2.$4: $5");
    if (ours.startsWith("IP")) {
      int colon = ours.indexOf(": ");
      assertThat(theirs).startsWith(ours.substring(0, colon + 2));
      String protocol = ours.substring(colon + 2, ours.lastIndexOf(", "));
      String shown = theirs.substring(colon + 2);
      assertThat(protocol).as("protocol of %s against tcpdump's %s", ours, theirs).isEqualTo(protocolIn(shown, protocol));
    } else if (ours.startsWith("ARP")) {
      assertThat(theirs).startsWith(ours.substring(0, ours.lastIndexOf(", ")) + ", length");
    }
  }

  /**
   * The protocol tcpdump's words show, or {@code ours} when they show none: for UDP and TCP it
   * often decodes the application instead. tcpdump names a fragment after the first {@code
   * ip-proto-N} (IPv4) or {@code frag (offset|length)} (IPv6).
   */
  private static String protocolIn(String shown, String ours) {
    if (shown.startsWith("Flags [")) {
      return "TCP";
    }
    if (shown.startsWith("ip-proto-") || (shown.startsWith("frag (") && !shown.startsWith("frag (0|"))) {
      return ours.endsWith(" fragment") ? ours : "a fragment";
    }
    for (String word : List.of("UDP", "ICMP6", "ICMP", "GRE")) {
      if (shown.startsWith(word)) {
        return word;
      }
    }
    return shown.startsWith("sctp") ? "SCTP" : ours;
  }

  private static ResultSummary summarize(Path capture, int firstPackets) throws IOException {
    SummaryCollector collector = new SummaryCollector(firstPackets);
    try (CaptureReader reader = CaptureReader.open(capture)) {
      while (reader.next()) {
        collector.accept(reader.packet());
      }
    }
    return collector.summary();
  }

  /** {@code tcpdump -nn -tttt} in UTC: one line per packet, without the hex some decoders add. */
  private static List<String> tcpdumpLines(Path capture, int count) throws IOException, InterruptedException {
    Path tcpdump = ExternalTool.require("tcpdump", "tcpdump");
    ProcessBuilder builder = new ProcessBuilder(
        tcpdump.toString(), "-nn", "-tttt", "-c", Integer.toString(count), "-r", capture.toString());
    builder.environment().put("TZ", "UTC");
    Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("tcpdump failed on " + capture);
    }
    return output.lines().filter(line -> TCPDUMP_LINE.matcher(line).matches()).collect(Collectors.toList());
  }

  private static Path capture(String name) {
    return Corpus.captures().stream()
        .filter(path -> path.getFileName().toString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in the corpus"));
  }
}
