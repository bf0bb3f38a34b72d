package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.Corpus;
import dev.docket.testing.ExternalTool;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What our writers write from real captures, tcpdump reads back packet for packet (timestamps,
 * lengths, bytes), capinfos counts without complaint, pcap4j (libpcap in this process) reads back
 * packet for packet, and our reader reads back identically.
 */
class WrittenCapturesReadByTcpdumpAndCapinfosTest {
  private static final int SAMPLED_CAPTURES = 40;

  @TempDir Path temp;

  private enum Format {
    PCAP_MICROSECONDS,
    PCAP_NANOSECONDS,
    PCAPNG
  }

  @Test
  void rewrittenCorpusCapturesReadTheSameEverywhere() throws Exception {
    ExternalTool.require("tcpdump", "tcpdump");
    ExternalTool.require("capinfos", "wireshark-common");
    List<Path> captures = new ArrayList<>(Corpus.captures());
    Collections.shuffle(captures, new Random(42));
    int checked = 0;
    for (Path capture : captures) {
      Reading original = Reading.of(capture);
      if (!isRewritable(original)) {
        continue;
      }
      for (Format format : Format.values()) {
        Path written = temp.resolve(checked + "-" + format + ".out");
        write(capture, written, format);
        List<PacketRecord> expected = expectedAfterWriting(original.packets(), format);

        Reading ours = Reading.of(written);
        assertThat(ours.failure()).as("our reading of %s as %s", capture, format).isEmpty();
        assertThat(ours.packets()).as("our reading of %s as %s", capture, format)
            .map(PacketRecord::withoutInterface)
            .isEqualTo(expected);
        TcpdumpCopy copy = TcpdumpCopy.of(written, temp.resolve(checked + "-" + format + ".copy"),
            TimestampPrecision.NANOSECONDS);
        assertThat(copy.error()).as("tcpdump on %s as %s", capture, format).isEmpty();
        assertThat(copy.packets()).as("tcpdump's reading of %s as %s", capture, format)
            .isEqualTo(expected);
        assertThat(capinfosCount(written)).as("capinfos on %s as %s", capture, format)
            .isEqualTo(String.valueOf(expected.size()));
        assertThat(readWithPcap4j(written, expected.isEmpty() ? 0 : expected.get(0).linkType()))
            .as("pcap4j's (libpcap's) reading of %s as %s", capture, format)
            .isEqualTo(expected);
      }
      if (++checked == SAMPLED_CAPTURES) {
        break;
      }
    }
    assertThat(checked).isEqualTo(SAMPLED_CAPTURES);
  }

  /** One link type (so every format holds it) and read without damage. */
  private static boolean isRewritable(Reading reading) {
    return reading.failure().isEmpty()
        && !reading.packets().isEmpty()
        && reading.packets().stream().map(PacketRecord::linkType).distinct().count() == 1;
  }

  private static void write(Path capture, Path written, Format format) throws IOException {
    try (CaptureReader reader = CaptureReader.open(capture);
        OutputStream out = Files.newOutputStream(written)) {
      CaptureWriter writer = null;
      while (reader.next()) {
        if (writer == null) {
          writer = format == Format.PCAPNG
              ? PcapngWriter.create(out)
              : PcapWriter.create(out, reader.packet().linkType(), PcapWriter.DEFAULT_SNAP_LENGTH,
                  format == Format.PCAP_NANOSECONDS
                      ? TimestampPrecision.NANOSECONDS
                      : TimestampPrecision.MICROSECONDS);
        }
        writer.write(reader.packet());
      }
      if (writer != null) {
        writer.close();
      }
    }
  }

  /** As a classic pcap copy (tcpdump's) holds them: interface 0, microsecond files truncated. */
  private static List<PacketRecord> expectedAfterWriting(List<PacketRecord> packets, Format format) {
    long unit = format == Format.PCAP_MICROSECONDS ? 1_000 : 1;
    List<PacketRecord> expected = new ArrayList<>();
    for (PacketRecord packet : packets) {
      expected.add(packet.withoutInterface().withTimestamp(packet.timestampNanos() / unit * unit));
    }
    return expected;
  }

  /** The third reader: libpcap in this process, through pcap4j's JNA binding. */
  private static List<PacketRecord> readWithPcap4j(Path file, int linkType) throws Exception {
    List<PacketRecord> packets = new ArrayList<>();
    PcapHandle handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
    try {
      byte[] bytes;
      while ((bytes = nextRawPacketOrNull(handle)) != null) {
        Instant time = handle.getTimestamp().toInstant();
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        packets.add(new PacketRecord(nanos, bytes.length, handle.getOriginalLength(), linkType, 0, ByteBuffer.wrap(bytes)));
      }
    } finally {
      handle.close();
    }
    return packets;
  }

  private static byte @Nullable [] nextRawPacketOrNull(PcapHandle handle) throws Exception {
    try {
      return handle.getNextRawPacketEx();
    } catch (EOFException end) {
      return null;
    }
  }

  private static String capinfosCount(Path file) throws IOException, InterruptedException {
    Path capinfos = ExternalTool.require("capinfos", "wireshark-common");
    Process process = new ProcessBuilder(capinfos.toString(), "-c", "-M", file.toString()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(err).as("capinfos complaints").isEmpty();
    assertThat(process.exitValue()).isZero();
    return out.lines()
        .filter(line -> line.startsWith("Number of packets:"))
        .map(line -> line.substring("Number of packets:".length()).trim())
        .findFirst()
        .orElse("no count in: " + out);
  }
}
