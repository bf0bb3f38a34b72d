package dev.docket.filter;

import dev.docket.testing.PoolQueries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketView;
import dev.docket.query.Not;
import dev.docket.query.Query;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameArbitraries;
import dev.docket.testing.FrameRecipe;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class PacketFilterProperties {
  @Provide
  Arbitrary<Query> queries() {
    return PoolQueries.queries();
  }

  @Provide
  Arbitrary<FrameRecipe> frames() {
    return FrameArbitraries.frames();
  }

  @Provide
  Arbitrary<Long> timestamps() {
    return FrameArbitraries.timestamps();
  }

  @Provide
  Arbitrary<Integer> linkTypes() {
    return FrameArbitraries.linkTypes();
  }

  @Property(tries = 2000)
  void compiledFilterAgreesWithTheReferenceOnWholeFrames(
      @ForAll("queries") Query query,
      @ForAll("frames") FrameRecipe recipe,
      @ForAll("timestamps") long timestamp) {
    CraftedFrame frame = recipe.build();
    boolean expected = ReferenceEvaluator.matches(query, frame.fields(), timestamp);
    assertThat(PacketFilter.compile(query).matches(frame.view(timestamp))).isEqualTo(expected);
    // Agreement proves little if the generators almost never make a query match, or never miss.
    Statistics.label("matches").collect(expected);
    Statistics.label("matches").coverage(coverage -> {
      coverage.check(true).percentage(percent -> percent > 15);
      coverage.check(false).percentage(percent -> percent > 15);
    });
  }

  @Property(tries = 2000)
  void compiledFilterAgreesWithTheReferenceOnCutFrames(
      @ForAll("queries") Query query,
      @ForAll("frames") FrameRecipe recipe,
      @ForAll @IntRange(min = 0, max = 1000) int cutPerMille,
      @ForAll("timestamps") long timestamp) {
    CraftedFrame frame = recipe.build();
    int capturedLength = frame.bytes().length * cutPerMille / 1000;
    assertThat(PacketFilter.compile(query).matches(frame.viewCutTo(capturedLength, timestamp)))
        .isEqualTo(ReferenceEvaluator.matches(query, frame.fields().cutTo(capturedLength), timestamp));
  }

  @Property
  void notMatchesExactlyWhatTheOperandDoesNot(
      @ForAll("queries") Query query,
      @ForAll("frames") FrameRecipe recipe,
      @ForAll @IntRange(min = 0, max = 1000) int cutPerMille,
      @ForAll("timestamps") long timestamp) {
    CraftedFrame frame = recipe.build();
    PacketView packet = frame.viewCutTo(frame.bytes().length * cutPerMille / 1000, timestamp);
    assertThat(PacketFilter.compile(new Not(query)).matches(packet))
        .isNotEqualTo(PacketFilter.compile(query).matches(packet));
  }

  @Property(tries = 3000)
  void randomBytesOfAnyLinkTypeNeverThrow(
      @ForAll("queries") Query query,
      @ForAll @Size(max = 120) byte[] bytes,
      @ForAll("linkTypes") int linkType) {
    PacketView packet = new PacketView();
    packet.reset(ByteBuffer.wrap(bytes), 0, bytes.length, bytes.length, 0, linkType, 0);
    PacketFilter.compile(query).matches(packet);
  }
}
