package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketView;
import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpVersion;
import dev.docket.query.Net;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.testing.FrameArbitraries;
import dev.docket.testing.FrameRecipe;
import dev.docket.testing.PoolQueries;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The index's one rule, for any packets and any query: a segment whose summary says no packet of it
 * can match holds no matching packet (else a query would lose packets). And for a single address,
 * port, protocol, IP version or time bound the summary is exact, so the rule is not kept by saying
 * "maybe" to everything. Each packet here is a segment of its own.
 */
class BlockSummaryProperties {
  /** A packet as the filters see it: a crafted frame, perhaps cut short, at a time. */
  record Captured(FrameRecipe recipe, int cutPerMille, long timestamp) {
    PacketView view() {
      var frame = recipe.build();
      return frame.viewCutTo(frame.bytes().length * cutPerMille / 1000, timestamp);
    }
  }

  @Provide
  Arbitrary<List<Captured>> blocks() {
    Arbitrary<Integer> cuts = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(1000)), net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1000)));
    return Combinators.combine(FrameArbitraries.frames(), cuts, FrameArbitraries.timestamps())
        .as(Captured::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Provide
  Arbitrary<Query> queries() {
    return PoolQueries.queries();
  }

  /**
   * The primitives a summary answers exactly: all but VLAN, MPLS, IPv6 networks longer than /59, and
   * {@code src} or {@code dst} (a summary keeps addresses and ports, not which side they were on).
   */
  @Provide
  Arbitrary<Query> exactPrimitives() {
    return PoolQueries.primitives()
        .filter(query -> (query instanceof Host host && host.direction() == Direction.EITHER)
            || (query instanceof Net net
                && net.direction() == Direction.EITHER
                && (net.network().version() == 4 || net.prefixLength() <= 59 || net.prefixLength() == 128))
            || (query instanceof Port port && port.direction() == Direction.EITHER)
            || query instanceof Proto
            || query instanceof IpVersion
            || query instanceof TimeBound);
  }

  @Property(tries = 1500)
  void aSegmentThatCannotHoldAMatchHoldsNone(@ForAll("blocks") List<Captured> packets, @ForAll("queries") Query query) {
    int matching = matching(packets, query);
    int mayHold = summarize(packets).segmentsHolding(query);
    assertThat(mayHold & matching).as("segments holding a match of %s must be read", query).isEqualTo(matching);
    Statistics.label("skipped a segment").collect(mayHold != (1 << packets.size()) - 1);
    Statistics.label("skipped a segment").coverage(coverage -> coverage.check(true).percentage(percent -> percent > 20));
  }

  @Property(tries = 1500)
  void forOnePrimitiveTheSummaryIsExact(@ForAll("blocks") List<Captured> packets, @ForAll("exactPrimitives") Query primitive) {
    int matching = matching(packets, primitive);
    assertThat(summarize(packets).segmentsHolding(primitive)).as("%s", primitive).isEqualTo(matching);
    Statistics.label("matches").collect(matching != 0);
    Statistics.label("matches").coverage(coverage -> {
      coverage.check(true).percentage(percent -> percent > 15);
      coverage.check(false).percentage(percent -> percent > 15);
    });
  }

  /** The segments (packets) that match {@code query}, a bit each. */
  private static int matching(List<Captured> packets, Query query) {
    PacketFilter filter = PacketFilter.compile(query);
    int segments = 0;
    for (int i = 0; i < packets.size(); i++) {
      if (filter.matches(packets.get(i).view())) {
        segments |= 1 << i;
      }
    }
    return segments;
  }

  /** The packets as one block of an index, a segment each, written out and read back as the store does. */
  private static BlockSummary summarize(List<Captured> packets) {
    int recordBytes = 100;
    FileIndexBuilder builder = new FileIndexBuilder(recordBytes * SegmentValues.MAX_SEGMENTS, ImmutableList.of());
    long offset = FileSurvey.PCAP_HEADER_SIZE;
    for (Captured packet : packets) {
      builder.add(packet.view(), offset, offset + recordBytes);
      offset += recordBytes;
    }
    ImmutableList<BlockSummary> blocks = builder.build(offset, 0, offset).blocks();
    assertThat(blocks).hasSize(1);
    BlockSummary built = blocks.get(0);
    assertThat(built.segmentCount()).isEqualTo(packets.size());
    ByteBuffer bytes = ByteBuffer.allocate(built.serializedSize());
    built.write(bytes);
    assertThat(bytes.hasRemaining()).isFalse();
    BlockSummary read = BlockSummary.read(bytes.flip());
    assertThat(read.packets()).isEqualTo(packets.size());
    return read;
  }
}
