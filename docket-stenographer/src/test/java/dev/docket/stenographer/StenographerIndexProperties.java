package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.docket.filter.PacketFilter;
import dev.docket.plan.QueryPlan;
import dev.docket.plan.QueryPlanner;
import dev.docket.plan.StenographerSyntax;
import dev.docket.query.Query;
import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameArbitraries;
import dev.docket.testing.FrameRecipe;
import dev.docket.testing.PoolQueries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Stenographer's answer to what the planner sends holds every frame the query matches: whenever
 * Docket's filter selects a stored frame, the native query selects it under the model of the index
 * ({@link StenographerIndex}, {@link StenographerLookup}). Frames are Ethernet, as a sensor stores
 * them (whole: it captures 64 KiB), with every stack the generator builds: VLAN, QinQ and MPLS,
 * IPv4 options and fragments, IPv6 extension chains with first and later fragments and AH, SCTP,
 * non-IP payloads.
 */
class StenographerIndexProperties {
  @Provide
  Arbitrary<Query> queries() {
    return PoolQueries.queries();
  }

  /**
   * The generator's frames on Ethernet II, a third of them IPv6 with AH or a later fragment in the
   * chain, where the index and Docket part ways, so that queries meet them often. Not 802.3
   * LLC/SNAP: the index never decodes IP in those, so only a time-only query could return them
   * (see StenographerIndexTest).
   */
  @Provide
  Arbitrary<FrameRecipe> frames() {
    Arbitrary<FrameRecipe> generated = FrameArbitraries.frames();
    Arbitrary<FrameRecipe> behindExtensions = Combinators.combine(generated, chains())
        .as((recipe, chain) -> recipe.withNetwork(new FrameRecipe.Network(
            6, recipe.network().version() == 6 ? recipe.network().source() : FrameArbitraries.IPV6_POOL.get(0),
            recipe.network().version() == 6 ? recipe.network().destination() : FrameArbitraries.IPV6_POOL.get(1),
            0, 0, false, chain)));
    return Arbitraries.frequencyOf(Tuple.of(2, generated), Tuple.of(1, behindExtensions))
        .map(recipe -> recipe.withLink(FrameRecipe.Link.ETHERNET));
  }

  /** IPv6 extension chains with AH or a later fragment among headers both decoders walk. */
  private static Arbitrary<ImmutableList<FrameRecipe.Extension>> chains() {
    Arbitrary<FrameRecipe.Extension> walked = Arbitraries.of(
        new FrameRecipe.Extension(0, 8, 0), new FrameRecipe.Extension(60, 16, 0),
        new FrameRecipe.Extension(43, 8, 0), new FrameRecipe.Extension(44, 8, 0));
    Arbitrary<FrameRecipe.Extension> parting = Arbitraries.of(
        new FrameRecipe.Extension(51, 12, 0), new FrameRecipe.Extension(51, 24, 0),
        new FrameRecipe.Extension(44, 8, 1), new FrameRecipe.Extension(44, 8, 185));
    return Combinators.combine(walked.list().ofMaxSize(2), parting, walked.list().ofMaxSize(1))
        .as((before, part, after) -> ImmutableList.<FrameRecipe.Extension>builder().addAll(before).add(part).addAll(after).build());
  }

  @Provide
  Arbitrary<Long> timestamps() {
    return FrameArbitraries.timestamps();
  }

  @Property(tries = 5000)
  void whatDocketSelectsTheNativeQueryFindsInTheIndex(
      @ForAll("queries") Query query, @ForAll("frames") FrameRecipe recipe, @ForAll("timestamps") long timestamp) {
    CraftedFrame frame = recipe.build();
    QueryPlan plan = QueryPlanner.plan(query, StenographerSyntax.FEATURES);
    IndexEntries entries = StenographerIndex.of(frame.bytes());
    boolean nativeSelects = StenographerLookup.selects(plan.nativeQuery(), entries, timestamp); // throws if unsayable
    if (PacketFilter.compile(query).matches(frame.view(timestamp))) {
      assertThat(nativeSelects)
          .as("Stenographer, sent %s, misses a frame of %s; its index holds %s",
              StenographerSyntax.printPlanned(plan.nativeQuery()), query, entries)
          .isTrue();
    }
  }
}
