package dev.docket.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import dev.docket.testing.Corpus;
import dev.docket.testing.CraftedTraffic;
import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bpf "EXPR"} decides every packet as tcpdump does: the real corpus's Ethernet, raw-IP and
 * Linux-cooked packets, and crafted traffic with VLAN tags, fragments and IPv6 extension headers,
 * each gathered into one capture per link type whose record {@code i} is stamped {@code i} seconds,
 * so what tcpdump keeps names the packets. Tagged frames included: the expression means what
 * libpcap makes of it, offsets and all.
 */
class BpfFilterAgreesWithTcpdumpTest {
  /** Enough of the corpus for every kind of frame in it, and a run of a few seconds. */
  private static final int MAX_PACKETS_PER_LINK_TYPE = 60_000;
  private static final long MAX_FILE_BYTES = 4 << 20;

  private static Path tcpdump;
  private static Path directory;
  /** A capture per link type, and its packets as Docket reads them. */
  private static final Map<Integer, Path> captures = new LinkedHashMap<>();
  private static final Map<Integer, List<byte[]>> packets = new LinkedHashMap<>();
  private static final Map<Integer, List<Integer>> wireLengths = new LinkedHashMap<>();

  @BeforeAll
  static void gather() throws IOException {
    tcpdump = ExternalTool.require("tcpdump", "tcpdump");
    directory = Files.createTempDirectory("docket-bpf");
    for (int linkType : new int[] {LinkType.ETHERNET, LinkType.RAW, 113}) {
      packets.put(linkType, new ArrayList<>());
      wireLengths.put(linkType, new ArrayList<>());
    }
    try (CraftedTraffic traffic = new CraftedTraffic(7, Instant.parse("2024-06-03T09:00:00Z"), 1000)) {
      for (int i = 0; i < 20_000 && traffic.next(); i++) {
        add(traffic.packet());
      }
    }
    for (Path file : Corpus.captures()) {
      if (Files.size(file) > MAX_FILE_BYTES) {
        continue;
      }
      try (CaptureReader reader = CaptureReader.open(file)) {
        while (reader.next()) {
          add(reader.packet());
        }
      } catch (CorruptCaptureException | RuntimeException damaged) {
        // The good packets before the damage are in; the corpus has damaged files on purpose.
      } catch (IOException unreadable) {
        // Not a capture Docket reads (the corpus has a few of those too).
      }
    }
    for (Map.Entry<Integer, List<byte[]>> linkType : packets.entrySet()) {
      Path capture = directory.resolve("link-" + linkType.getKey() + ".pcap");
      Files.write(capture, classicPcap(linkType.getKey(), linkType.getValue(), wireLengths.get(linkType.getKey())));
      captures.put(linkType.getKey(), capture);
    }
    assertThat(packets.get(LinkType.ETHERNET)).hasSizeGreaterThan(30_000);
    assertThat(packets.get(LinkType.RAW)).isNotEmpty();
    assertThat(packets.get(113)).isNotEmpty();
  }

  private static void add(PacketView packet) {
    List<byte[]> bucket = packets.get(packet.linkType());
    if (bucket != null && bucket.size() < MAX_PACKETS_PER_LINK_TYPE && packet.capturedLength() <= 65_535) {
      bucket.add(packet.copyBytes());
      wireLengths.get(packet.linkType()).add(packet.originalLength());
    }
  }

  @AfterAll
  static void delete() throws IOException {
    for (Path capture : captures.values()) {
      Files.deleteIfExists(capture);
    }
    Files.deleteIfExists(directory.resolve("tcpdump.err"));
    Files.deleteIfExists(directory);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "tcp[tcpflags] & tcp-syn != 0",
      "tcp[13] & 2 != 0",
      "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0 and not src net 10.0.0.0/8",
      "tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x47455420",
      "arp",
      "rarp or arp",
      "ether broadcast",
      "ether multicast",
      "ether src host 00:00:00:00:00:00 or ether dst host ff:ff:ff:ff:ff:ff",
      "ether proto 0x88cc",
      "ether[0] & 1 = 1",
      "vlan",
      "vlan and tcp",
      "vlan 100",
      "vlan and vlan",
      "udp port 53 and not vlan",
      "mpls",
      "mpls and ip",
      "greater 1000",
      "less 64",
      "len >= 100 and len <= 200",
      "icmp[icmptype] == icmp-echo",
      "icmp[icmptype] == icmp-echoreply or icmp[icmptype] == icmp-unreach",
      "icmp6 and ip6[40] == 128",
      "ip6 protochain 6",
      "ip6 protochain 17",
      "ip[6:2] & 0x1fff != 0",
      "ip[0] & 0xf != 5",
      "ip[2:2] > 500",
      "udp port 53",
      "port 80 or port 443",
      "net 192.168.0.0/16",
      "ip6 and udp",
      "ip proto 47",
      "ip6 proto 58",
      "sctp",
      "pppoes",
      "ip multicast",
      "not ip and not ip6 and not arp",
      "tcp and udp",
      "tcp[0:2] > 1024 and (udp or tcp)",
      "udp[8:4] = 0"
  })
  void everyPacketDecisionIsTcpdumps(String expression) throws Exception {
    BpfFilter filter = new BpfFilter(expression);
    int agreeing = 0;
    for (Map.Entry<Integer, Path> capture : captures.entrySet()) {
      int linkType = capture.getKey();
      List<byte[]> frames = packets.get(linkType);
      TreeSet<Integer> docket = new TreeSet<>();
      PacketView view = new PacketView();
      for (int i = 0; i < frames.size(); i++) {
        byte[] bytes = frames.get(i);
        view.reset(ByteBuffer.wrap(bytes), 0, bytes.length, wireLengths.get(linkType).get(i), i * 1_000_000_000L, linkType, 0);
        if (filter.matches(view)) {
          docket.add(i);
        }
      }
      TreeSet<Integer> tcpdumps = tcpdumpKeeps(capture.getValue(), expression);
      assertThat(docket).as("%s on link type %s (%s packets)", expression, LinkType.name(linkType), frames.size()).isEqualTo(tcpdumps);
      agreeing += docket.size();
    }
    // The corpus and the crafted traffic hold packets for every expression here (else it proves little).
    if (!expression.equals("tcp and udp")) {
      assertThat(agreeing).as("packets kept by %s", expression).isPositive();
    }
  }

  /**
   * The records tcpdump keeps of {@code capture}; none when libpcap refuses the expression for its
   * link type (which Docket then matches nothing of) or proves it keeps nothing.
   */
  private static TreeSet<Integer> tcpdumpKeeps(Path capture, String expression) throws IOException, InterruptedException {
    Path errors = directory.resolve("tcpdump.err");
    Process process = new ProcessBuilder(tcpdump.toString(), "-r", capture.toString(), "-w", "-", expression)
        .redirectError(errors.toFile())
        .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tcpdump exited").isTrue();
    TreeSet<Integer> kept = new TreeSet<>();
    if (process.exitValue() != 0) {
      String said = Files.readString(errors);
      assertThat(said).as("tcpdump %s on %s", expression, capture).containsAnyOf("rejects all packets", "not supported", "not implemented", "no VLAN support", "no MPLS support", "only supported", "supported only", "not a broadcast link", "not valid");
      return kept;
    }
    ByteBuffer pcap = ByteBuffer.wrap(output);
    pcap.order(pcap.getInt(0) == 0xA1B2C3D4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (int at = 24; at < output.length; at += 16 + pcap.getInt(at + 8)) {
      kept.add(pcap.getInt(at));
    }
    return kept;
  }

  /** A classic little-endian microsecond pcap whose record {@code i} is stamped {@code i} seconds. */
  private static byte[] classicPcap(int linkType, List<byte[]> frames, List<Integer> wireLengths) {
    int size = 24 + frames.stream().mapToInt(frame -> 16 + frame.length).sum();
    ByteBuffer pcap = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    pcap.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(linkType);
    for (int i = 0; i < frames.size(); i++) {
      byte[] bytes = frames.get(i);
      pcap.putInt(i).putInt(0).putInt(bytes.length).putInt(wireLengths.get(i)).put(bytes);
    }
    return pcap.array();
  }
}
