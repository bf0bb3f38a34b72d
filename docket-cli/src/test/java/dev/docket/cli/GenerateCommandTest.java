package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path scratch;
  private final StringWriter err = new StringWriter();

  private int docket(String... args) {
    return DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  /** Each packet as its timestamp followed by its bytes, so that two lists compare packet by packet. */
  private static List<String> packets(Path file) throws IOException {
    List<String> packets = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(file)) {
      while (reader.next()) {
        PacketView packet = reader.packet();
        ByteBuffer bytes = packet.buffer().duplicate();
        bytes.limit(packet.offset() + packet.capturedLength()).position(packet.offset());
        StringBuilder text = new StringBuilder().append(packet.timestampNanos()).append(':');
        while (bytes.hasRemaining()) {
          text.append(String.format("%02x", bytes.get()));
        }
        packets.add(text.toString());
      }
    }
    return packets;
  }

  private static int length(String packet) {
    return (packet.length() - packet.indexOf(':') - 1) / 2;
  }

  @Test
  void maxLengthKeepsTheSmallFramesOfTheSameTraffic() throws IOException {
    Path all = scratch.resolve("all.pcap");
    Path small = scratch.resolve("small.pcap");
    assertThat(docket("generate", "--seed", "7", "--packets", "20000", "-w", all.toString())).isZero();
    assertThat(docket("generate", "--seed", "7", "--packets", "2000", "--max-length", "100", "-w", small.toString())).isZero();

    List<String> expected = packets(all).stream().filter(packet -> length(packet) <= 100).limit(2000).toList();
    assertThat(expected).hasSize(2000);
    assertThat(packets(small)).isEqualTo(expected);
  }

  @Test
  void sizeCountsOnlyTheFramesKept() throws IOException {
    Path small = scratch.resolve("small.pcap");
    assertThat(docket("generate", "--size", "64K", "--max-length", "128", "-w", small.toString())).isZero();

    List<String> packets = packets(small);
    long bytes = packets.stream().mapToLong(GenerateCommandTest::length).sum();
    assertThat(bytes).isBetween(64L * 1024 - 128, 64L * 1024);
    assertThat(packets).allSatisfy(packet -> assertThat(length(packet)).isLessThanOrEqualTo(128));
  }

  @Test
  void maxLengthWithRotateIsRefusedInOneLine() {
    assertThat(docket("generate", "--packets", "10", "--max-length", "100", "--rotate", "60s", "-w", scratch.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--max-length writes one file");
  }
}
