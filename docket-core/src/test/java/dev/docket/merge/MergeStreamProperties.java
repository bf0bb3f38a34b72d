package dev.docket.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.merge.RecordedStream.Recorded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MergeStreamProperties {
  /** Several inputs, each in time order, with many equal timestamps across and within inputs. */
  @Provide
  Arbitrary<List<List<Long>>> inputs() {
    Arbitrary<List<Long>> input =
        Arbitraries.longs().between(0, 50).list().ofMaxSize(40).map(times -> {
          List<Long> sorted = new ArrayList<>(times);
          sorted.sort(Comparator.naturalOrder());
          return sorted;
        });
    return input.list().ofMaxSize(12);
  }

  @Property
  void mergesEveryPacketInTimeOrderKeepingTiesInInputOrder(@ForAll("inputs") List<List<Long>> inputs)
      throws IOException {
    List<RecordedStream> streams = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    List<long[]> keyed = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      List<Recorded> records = new ArrayList<>();
      for (int j = 0; j < inputs.get(i).size(); j++) {
        String label = i + ":" + j;
        records.add(new Recorded(inputs.get(i).get(j), label.getBytes(java.nio.charset.StandardCharsets.US_ASCII), label));
        keyed.add(new long[] {inputs.get(i).get(j), i, j});
      }
      streams.add(new RecordedStream(records));
    }
    // The reference: a stable sort by (timestamp, input, position in input).
    keyed.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]).thenComparingLong(k -> k[2]));
    keyed.forEach(k -> expected.add(k[1] + ":" + k[2]));

    List<String> merged = new ArrayList<>();
    try (MergeStream merge = new MergeStream(streams)) {
      while (merge.next()) {
        RecordedStream from = streams.get(merge.currentInput());
        assertThat(merge.packet()).isSameAs(from.packet());
        merged.add(from.current().label());
      }
      assertThat(merge.next()).isFalse();
    }
    assertThat(merged).isEqualTo(expected);
    assertThat(streams).allMatch(stream -> stream.closed);
  }
}
