package dev.docket.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.merge.RecordedStream.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduplicatingStreamTest {
  private static Recorded packet(long timestampNanos, String bytes, String label) {
    return new Recorded(timestampNanos, bytes.getBytes(StandardCharsets.US_ASCII), label);
  }

  private static List<String> survivors(List<List<Recorded>> taps, Duration window) throws IOException {
    List<RecordedStream> streams = taps.stream().map(RecordedStream::new).toList();
    List<String> labels = new ArrayList<>();
    MergeStream merge = new MergeStream(streams);
    try (DeduplicatingStream deduplicated = new DeduplicatingStream(merge, window)) {
      while (deduplicated.next()) {
        labels.add(streams.get(merge.currentInput()).current().label());
      }
    }
    return labels;
  }

  @Test
  void dropsTheSecondTapsCopyOfEachPacket() throws IOException {
    List<Recorded> tapA = List.of(packet(1_000, "syn", "a1"), packet(2_000, "ack", "a2"), packet(3_000, "fin", "a3"));
    List<Recorded> tapB = List.of(packet(1_010, "syn", "b1"), packet(2_020, "ack", "b2"), packet(3_005, "fin", "b3"));
    assertThat(survivors(List.of(tapA, tapB), DeduplicatingStream.DEFAULT_WINDOW)).containsExactly("a1", "a2", "a3");
  }

  @Test
  void keepsTheSameBytesSeenAgainAfterTheWindow() throws IOException {
    List<Recorded> tap = List.of(packet(0, "ping", "first"), packet(1_000_001, "ping", "again"));
    assertThat(survivors(List.of(tap), Duration.ofMillis(1))).containsExactly("first", "again");
  }

  @Test
  void keepsTheSameBytesAtTheWindowsEdge() throws IOException {
    List<Recorded> tap = List.of(packet(0, "ping", "first"), packet(1_000_000, "ping", "edge"));
    assertThat(survivors(List.of(tap), Duration.ofMillis(1))).containsExactly("first");
  }

  @Test
  void keepsDifferentBytesAtTheSameInstant() throws IOException {
    List<Recorded> tapA = List.of(packet(5, "one", "a"));
    List<Recorded> tapB = List.of(packet(5, "two", "b"));
    assertThat(survivors(List.of(tapA, tapB), Duration.ofMillis(1))).containsExactly("a", "b");
  }

  @Test
  void countsWhatItDropped() throws IOException {
    RecordedStream a = new RecordedStream(List.of(packet(1, "x", "a"), packet(2, "y", "a")));
    RecordedStream b = new RecordedStream(List.of(packet(1, "x", "b"), packet(2, "y", "b")));
    try (DeduplicatingStream stream = new DeduplicatingStream(new MergeStream(List.of(a, b)), Duration.ofMillis(1))) {
      while (stream.next()) {
        // drain
      }
      assertThat(stream.dropped()).isEqualTo(2);
    }
  }
}
