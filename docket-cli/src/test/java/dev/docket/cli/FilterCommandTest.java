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
    assertThat(docket("filter", "-w", scratch.resolve("out.pcap").toString(), "host 1.2.3", capture.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("docket: error at column 6: expected an IP address after 'host'");
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
