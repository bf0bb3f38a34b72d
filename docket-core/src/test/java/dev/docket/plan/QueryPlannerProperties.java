package dev.docket.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketView;
import dev.docket.plan.QueryFeature;
import dev.docket.query.Query;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameArbitraries;
import dev.docket.testing.FrameRecipe;
import dev.docket.testing.PoolQueries;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a backend can evaluate, the plan is exact in the end: its native query never loses a
 * packet the query matches, and the residual filter brings the answer back to exactly the query.
 */
class QueryPlannerProperties {
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
  Arbitrary<Set<QueryFeature>> features() {
    return Arbitraries.of(QueryFeature.class).set();
  }

  @Property(tries = 3000)
  void nativeQueryIsASupersetAndResidualMakesItExact(
      @ForAll("queries") Query query,
      @ForAll("features") Set<QueryFeature> features,
      @ForAll("frames") FrameRecipe recipe,
      @ForAll @IntRange(min = 0, max = 1000) int cutPerMille,
      @ForAll("timestamps") long timestamp) {
    CraftedFrame frame = recipe.build();
    PacketView packet = frame.viewCutTo(frame.bytes().length * cutPerMille / 1000, timestamp);
    QueryPlan plan = QueryPlanner.plan(query, features);

    boolean wanted = PacketFilter.compile(query).matches(packet);
    boolean returned = plan.nativeQuery().map(PacketFilter::compile).orElse(PacketFilter.ALL).matches(packet);
    if (wanted) {
      assertThat(returned).as("the source's query %s loses a packet of %s", plan.nativeQuery(), query).isTrue();
    }
    assertThat(returned && plan.residual().matches(packet)).isEqualTo(wanted);
    if (plan.isExact()) {
      assertThat(returned).as("an exact plan's native query %s is the query %s", plan.nativeQuery(), query).isEqualTo(wanted);
    }
  }

  @Property(tries = 300)
  void aSourceWithEveryFeatureRunsTheQueryItself(@ForAll("queries") Query query) {
    QueryPlan plan = QueryPlanner.plan(query, Set.of(QueryFeature.values()));
    assertThat(plan.isExact()).isTrue();
    assertThat(plan.nativeQuery()).contains(query);
    assertThat(plan.residual()).isSameAs(PacketFilter.ALL);
  }
}
