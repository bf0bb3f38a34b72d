package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading some byte ranges of a capture, as an index chooses them: their records, in order, and nothing between. */
class ReadingByteRangesTest {
  private static final int RECORDS = 12;

  @TempDir Path scratch;

  /** A classic pcap file whose record i is stamped i seconds and holds 1 + 7i % 50 bytes; returns the record offsets. */
  private static long[] write(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(24 + RECORDS * (16 + 50)).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    long[] offsets = new long[RECORDS + 1];
    for (int i = 0; i < RECORDS; i++) {
      offsets[i] = bytes.position();
      int length = 1 + 7 * i % 50;
      bytes.putInt(i).putInt(0).putInt(length).putInt(length);
      for (int b = 0; b < length; b++) {
        bytes.put((byte) i);
      }
    }
    offsets[RECORDS] = bytes.position();
    Files.write(file, java.util.Arrays.copyOf(bytes.array(), bytes.position()));
    return offsets;
  }

  private static List<Long> seconds(CaptureReader reader) throws IOException {
    List<Long> seconds = new ArrayList<>();
    while (reader.next()) {
      seconds.add(reader.packet().timestampNanos() / 1_000_000_000L);
      assertThat(reader.packet().buffer().get(reader.packet().offset())).isEqualTo((byte) seconds.get(seconds.size() - 1).intValue());
    }
    return seconds;
  }

  @Test
  void readsTheRecordsOfTheRangesInOrderAndNothingBetween() throws IOException {
    Path file = scratch.resolve("ranges.pcap");
    long[] at = write(file);
    List<ByteSpan> ranges =
        List.of(new ByteSpan(0, 24), new ByteSpan(at[2], at[5]), new ByteSpan(at[7], at[8]), new ByteSpan(at[11], at[12]));
    try (CaptureReader reader = CaptureReader.open(file, ranges)) {
      assertThat(seconds(reader)).containsExactly(2L, 3L, 4L, 7L, 11L);
      assertThat(reader.bytesRead()).isEqualTo(24 + (at[5] - at[2]) + (at[8] - at[7]) + (at[12] - at[11]));
    }
    try (CaptureReader reader = CaptureReader.open(file, List.of(new ByteSpan(0, 24)))) {
      assertThat(seconds(reader)).isEmpty();
    }
  }

  @Test
  void damageIsNamedByItsOffsetInTheFile() throws IOException {
    Path file = scratch.resolve("damaged.pcap");
    long[] at = write(file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) at[8] + 8, -1);
    Files.write(file, bytes);
    List<ByteSpan> ranges = List.of(new ByteSpan(0, 24), new ByteSpan(at[3], at[4]), new ByteSpan(at[8], at[10]));
    try (CaptureReader reader = CaptureReader.open(file, ranges)) {
      assertThat(reader.next()).isTrue();
      assertThatThrownBy(reader::next)
          .isInstanceOf(CorruptCaptureException.class)
          .hasMessageContaining("byte " + at[8]);
    }
  }

  @Test
  void aFileShorterThanItsRangesEndsInATruncation() throws IOException {
    Path file = scratch.resolve("shrunk.pcap");
    long[] at = write(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, (int) at[6] + 20));
    List<ByteSpan> ranges = List.of(new ByteSpan(0, 24), new ByteSpan(at[5], at[7]), new ByteSpan(at[9], at[10]));
    try (CaptureReader reader = CaptureReader.open(file, ranges)) {
      assertThat(reader.next()).isTrue();
      assertThatThrownBy(reader::next)
          .isInstanceOf(CorruptCaptureException.class)
          .hasMessageContaining("byte " + at[6])
          .hasMessageContaining("truncated record");
    }
  }

  @Test
  void spansOutOfOrderOrOverlappingAreRefusedBeforeAnythingIsRead() throws IOException {
    Path file = scratch.resolve("order.pcap");
    long[] at = write(file);
    assertThatThrownBy(() -> CaptureReader.open(file, List.of(new ByteSpan(0, 24), new ByteSpan(at[5], at[7]), new ByteSpan(at[2], at[3]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of order or overlapping");
    assertThatThrownBy(() -> CaptureReader.open(file, List.of(new ByteSpan(0, at[3]), new ByteSpan(at[2], at[5]))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteSpan(at[2], at[2])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteSpan(-1, 24)).isInstanceOf(IllegalArgumentException.class);
    // Spans that touch are one after another, as a header and the records right after it are.
    try (CaptureReader reader = CaptureReader.open(file, List.of(new ByteSpan(0, 24), ByteSpan.from(at[0])))) {
      assertThat(seconds(reader)).hasSize(RECORDS);
    }
  }
}
