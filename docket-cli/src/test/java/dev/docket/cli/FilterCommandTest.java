package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.LinkType;
import dev.docket.pcap.PcapWriter;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, messages and outputs of filter and merge, as an analyst or a script meets them. */
class FilterCommandTest {
  @TempDir Path scratch;
  private final StringWriter err = new StringWriter();
  private Path capture;

  @BeforeEach
  void writeACapture() throws IOException {
    capture = syntheticCapture("traffic.pcap", 1, 2_000);
  }

  private Path syntheticCapture(String name, long seed, long packets) throws IOException {
    Path file = scratch.resolve(name);
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(seed, packets));
        OutputStream out = Files.newOutputStream(file);
        PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET)) {
      while (traffic.next()) {
        writer.write(traffic.packet());
      }
    }
    return file;
  }

  private int docket(String... args) {
    return DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  @Test
  void writesTheMatchingPackets() throws IOException {
    Path out = scratch.resolve("dns.pcap");
    assertThat(docket("filter", "-w", out.toString(), "udp port 53", capture.toString())).isZero();
    CaptureFile dns = CaptureFile.read(out);
    assertThat(dns.packets()).isNotEmpty().hasSizeLessThan(CaptureFile.read(capture).packets().size());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aDamagedInputKeepsItsGoodPacketsAndExitsThree() throws IOException {
    byte[] whole = Files.readAllBytes(capture);
    Path truncated = scratch.resolve("truncated.pcap");
    Files.write(truncated, Arrays.copyOf(whole, whole.length - 7));
    Path other = syntheticCapture("other.pcap", 2, 500);
    Path out = scratch.resolve("out.pcap");

    assertThat(docket("merge", "-w", out.toString(), truncated.toString(), other.toString())).isEqualTo(3);

    assertThat(CaptureFile.read(out).packets()).hasSize(2_000 - 1 + 500);
    assertThat(err.toString()).matches(truncated + ": corrupt at byte \\d+: .*\\R");
  }

  @Test
  void aMissingInputFailsBeforeWritingAnything() {
    Path out = scratch.resolve("out.pcap");
    assertThat(docket("filter", "-w", out.toString(), "tcp", capture.toString(), scratch.resolve("nope.pcap").toString())).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("docket: " + scratch.resolve("nope.pcap") + ": no such file" + System.lineSeparator());
    assertThat(out).doesNotExist();
  }

  @Test
  void aFileThatIsNotACaptureIsNamed() throws IOException {
    Path text = scratch.resolve("notes.txt");
    Files.writeString(text, "not a capture at all\n");
    assertThat(docket("merge", "-w", scratch.resolve("out.pcap").toString(), text.toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("docket: " + text + ": corrupt at byte 0: ").contains("not a pcap or pcapng file");
  }

  @Test
  void aBadQueryExitsTwoBeforeReadingAnything() {
    // Neither Docket's language nor a tcpdump filter (libpcap would take 1.2.3 for 1.2.0.3; not this).
    assertThat(docket("filter", "-w", scratch.resolve("out.pcap").toString(), "host 1.2.3.4.5", capture.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("docket: error at column 6: expected an IP address after 'host'").contains("as a tcpdump filter");
    assertThat(scratch.resolve("out.pcap")).doesNotExist();
  }

  @Test
  void aBpfFilterKeepsWhatTcpdumpKeeps() throws Exception {
    Path tcpdump = dev.docket.testing.ExternalTool.require("tcpdump", "tcpdump");
    for (String[] args : List.of(
        new String[] {"--bpf", "tcp[tcpflags] & tcp-syn != 0", "ip"},
        new String[] {"bpf \"tcp[tcpflags] & tcp-syn != 0\" and ip"},
        new String[] {"tcp[tcpflags] & tcp-syn != 0 and ip"})) {
      Path out = scratch.resolve("syn.pcap");
      List<String> command = new java.util.ArrayList<>(List.of("filter", "-w", out.toString()));
      command.addAll(List.of(args));
      command.add(capture.toString());
      assertThat(docket(command.toArray(String[]::new))).as("%s: %s", List.of(args), err).isZero();
      Process reference = new ProcessBuilder(tcpdump.toString(), "-r", capture.toString(), "-w", "-", "ip and tcp[tcpflags] & tcp-syn != 0")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Path expected = scratch.resolve("syn-tcpdump.pcap");
      Files.write(expected, reference.getInputStream().readAllBytes());
      assertThat(reference.waitFor()).isZero();
      List<CaptureFile.Packet> docketKept = CaptureFile.read(out).packets();
      List<CaptureFile.Packet> tcpdumpKept = CaptureFile.read(expected).packets();
      assertThat(docketKept).isNotEmpty().hasSameSizeAs(tcpdumpKept);
      for (int i = 0; i < docketKept.size(); i++) {
        assertThat(docketKept.get(i).sameAs(tcpdumpKept.get(i), true)).as("packet %s of %s", i, List.of(args)).isTrue();
      }
    }
  }

  @Test
  void classicPcapRefusesASecondLinkTypeAndSuggestsPcapng() throws IOException {
    Path raw = scratch.resolve("raw.pcap");
    try (OutputStream out = Files.newOutputStream(raw); PcapWriter writer = PcapWriter.create(out, LinkType.RAW)) {
      dev.docket.packet.PacketView packet = new dev.docket.packet.PacketView();
      byte[] ipv4 = new byte[20];
      ipv4[0] = 0x45;
      packet.reset(ByteBuffer.wrap(ipv4), 0, 20, 20, 1_000_000_000L, LinkType.RAW, 0);
      writer.write(packet);
    }
    Path out = scratch.resolve("mixed.pcap");
    assertThat(docket("merge", "-w", out.toString(), raw.toString(), capture.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("mixes link types RAW and EN10MB, and classic pcap holds one; use --format pcapng");
    assertThat(out).doesNotExist();

    Path pcapng = scratch.resolve("mixed.pcapng");
    err.getBuffer().setLength(0);
    assertThat(docket("merge", "--format", "pcapng", "-w", pcapng.toString(), raw.toString(), capture.toString())).isZero();
    assertThat(CaptureFile.read(pcapng).packets()).hasSize(2_001);
  }

  @Test
  void anEmptyResultIsStillAValidCapture() throws IOException {
    Path out = scratch.resolve("empty.pcap");
    assertThat(docket("filter", "-w", out.toString(), "host 192.0.2.99", capture.toString())).isZero();
    assertThat(Files.size(out)).isEqualTo(24);
    assertThat(CaptureFile.read(out).packets()).isEmpty();
  }

  @Test
  void aFailedRunLeavesNoPartialFile() throws IOException {
    Path out = scratch.resolve("out.pcap");
    Files.writeString(out, "an earlier result");
    // A pcap output cannot hold a second link type: the run fails after writing some packets.
    Path raw = scratch.resolve("raw-later.pcap");
    try (OutputStream stream = Files.newOutputStream(raw); PcapWriter writer = PcapWriter.create(stream, LinkType.RAW)) {
      dev.docket.packet.PacketView packet = new dev.docket.packet.PacketView();
      packet.reset(ByteBuffer.wrap(new byte[] {0x45, 0, 0, 20}), 0, 4, 4, 5_000_000_000L, LinkType.RAW, 0);
      writer.write(packet);
    }
    assertThat(docket("merge", "-w", out.toString(), capture.toString(), raw.toString())).isEqualTo(1);
    assertThat(Files.readString(out)).isEqualTo("an earlier result");
    try (var siblings = Files.list(scratch)) {
      assertThat(siblings.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".partial"));
    }
  }
}
