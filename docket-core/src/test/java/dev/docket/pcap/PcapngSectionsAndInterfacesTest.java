package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pcapng features the corpus barely exercises: sections that switch byte order, several
 * interfaces with their own link types and resolutions, timestamp offsets, simple and obsolete
 * packet blocks, and blocks we skip.
 */
class PcapngSectionsAndInterfacesTest {
  private static final byte[] DATA = {1, 2, 3, 4, 5};
  private static final long SECOND = 1_000_000_000L;

  @Test
  void eachSectionHasItsOwnByteOrderAndInterfaces() throws IOException {
    byte[] file =
        new PcapngBlocks()
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceDescription(1, 0, -1, 0)
            .interfaceDescription(113, 0, 9, 0)
            .enhancedPacket(1, 5 * SECOND + 7, 60, DATA)
            .enhancedPacket(0, 3_000_001, 60, DATA)
            .section(ByteOrder.BIG_ENDIAN)
            .unknown(5, 24)
            .interfaceDescription(228, 0, -1, 0)
            .enhancedPacket(0, 2_000_000, 5, DATA)
            .toByteArray();

    assertThat(read(file))
        .containsExactly(
            record(5 * SECOND + 7, 60, 113, 1),
            record(3 * SECOND + 1_000, 60, 1, 0),
            record(2 * SECOND, 5, 228, 0));
  }

  @Test
  void binaryResolutionsAndOffsetsGiveNanoseconds() throws IOException {
    byte[] file =
        new PcapngBlocks()
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceDescription(1, 0, 0x80 | 10, 100)
            .interfaceDescription(1, 0, 12, 0)
            .enhancedPacket(0, 3L * 1024 + 512, 5, DATA)
            .enhancedPacket(1, 4_000_000_000_123L, 5, DATA)
            .toByteArray();

    assertThat(read(file))
        .containsExactly(
            record(103 * SECOND + SECOND / 2, 5, 1, 0), record(4 * SECOND, 5, 1, 1));
  }

  @Test
  void simplePacketsHaveUnknownTimeAndTheFirstInterfacesSnapLength() throws IOException {
    byte[] file =
        new PcapngBlocks()
            .section(ByteOrder.LITTLE_ENDIAN)
            .interfaceDescription(1, 3, -1, 0)
            .simplePacket(5, DATA)
            .obsoletePacket(0, 7_000_000, DATA)
            .toByteArray();

    assertThat(read(file))
        .containsExactly(
            new PacketRecord(0, 3, 5, 1, 0, ByteBuffer.wrap(new byte[] {1, 2, 3})),
            record(7 * SECOND, 5, 1, 0));
  }

  private static PacketRecord record(long nanos, int originalLength, int linkType, int interfaceIndex) {
    return new PacketRecord(nanos, DATA.length, originalLength, linkType, interfaceIndex, ByteBuffer.wrap(DATA));
  }

  private static List<PacketRecord> read(byte[] file) throws IOException {
    Reading reading = Reading.of(new ByteArrayInputStream(file), "test.pcapng");
    assertThat(reading.failure()).isEmpty();
    return reading.packets();
  }
}
