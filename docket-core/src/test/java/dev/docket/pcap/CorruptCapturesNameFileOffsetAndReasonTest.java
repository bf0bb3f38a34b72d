package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Damage is reported in one line a user can act on: file, byte offset, reason. */
class CorruptCapturesNameFileOffsetAndReasonTest {
  private static final byte[] DATA = {1, 2, 3, 4, 5};

  @Test
  void foreignFilesAreNotCaptures() throws IOException {
    assertThat(failureOf("hello, world".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("notes.txt: corrupt at byte 0: not a pcap or pcapng file");
  }

  @Test
  void aCutRecordFailsAfterTheGoodOnes() throws IOException {
    byte[] file = pcapOfTwoPackets();
    Reading reading = read(Arrays.copyOf(file, file.length - 2));
    assertThat(reading.packets()).hasSize(1);
    assertThat(reading.failure().orElseThrow().getMessage())
        .isEqualTo("notes.txt: corrupt at byte 45: truncated record: needs 21 bytes, only 19 left");
  }

  @Test
  void anInsaneCapturedLengthIsCorruption() throws IOException {
    byte[] file = pcapOfTwoPackets();
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(45 + 8, 262_145);
    assertThat(failureOf(file))
        .isEqualTo("notes.txt: corrupt at byte 45: captured length 262145 exceeds the maximum of 262144");
  }

  @Test
  void pcapngBlockLengthsMustBeWholeWordsAndMatchTheirTrailer() throws IOException {
    PcapngBlocks start = new PcapngBlocks().section(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, 0, -1, 0);
    byte[] good = new PcapngBlocks().section(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, 0, -1, 0)
        .enhancedPacket(0, 1, 5, DATA).toByteArray();
    int packetAt = start.toByteArray().length;

    byte[] unaligned = good.clone();
    ByteBuffer.wrap(unaligned).order(ByteOrder.LITTLE_ENDIAN).putInt(packetAt + 4, 38);
    assertThat(failureOf(unaligned))
        .isEqualTo("notes.txt: corrupt at byte " + packetAt + ": block length 38 is not a multiple of 4");

    byte[] mismatched = good.clone();
    ByteBuffer.wrap(mismatched).order(ByteOrder.LITTLE_ENDIAN).putInt(good.length - 4, 44);
    assertThat(failureOf(mismatched))
        .isEqualTo("notes.txt: corrupt at byte " + packetAt
            + ": block length 40 does not match the length 44 at its end");
  }

  @Test
  void packetsNeedAnInterface() throws IOException {
    byte[] file = new PcapngBlocks().section(ByteOrder.BIG_ENDIAN).enhancedPacket(0, 1, 5, DATA).toByteArray();
    assertThat(failureOf(file))
        .isEqualTo("notes.txt: corrupt at byte 28: packet on interface 0, but the section describes only 0");
  }

  private static byte[] pcapOfTwoPackets() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET)) {
      PacketView view = new PacketView();
      view.reset(ByteBuffer.wrap(DATA), 0, DATA.length, DATA.length, 1_000, LinkType.ETHERNET, 0);
      writer.write(view);
      writer.write(view);
    }
    return out.toByteArray();
  }

  private static Reading read(byte[] file) throws IOException {
    return Reading.of(new ByteArrayInputStream(file), "notes.txt");
  }

  private static String failureOf(byte[] file) throws IOException {
    return read(file).failure().orElseThrow().getMessage();
  }
}
