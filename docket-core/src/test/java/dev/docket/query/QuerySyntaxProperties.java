package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.plan.StenographerQuery;
import dev.docket.plan.StenographerSyntax;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class QuerySyntaxProperties {
  private final QueryParser parser =
      new QueryParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

  @Provide
  Arbitrary<Query> queries() {
    return QueryArbitraries.queries();
  }

  @Property
  void parsingTheCanonicalTextGivesBackTheSameTree(@ForAll("queries") Query query) {
    assertThat(parser.parse(QuerySyntax.print(query))).isEqualTo(query);
  }

  @Property
  void canonicalTextIsAFixedPoint(@ForAll("queries") Query query) {
    String once = QuerySyntax.print(query);
    String twice = QuerySyntax.print(parser.parse(once));
    assertThat(twice).isEqualTo(once);
  }

  @Property
  void stenographerTextUsesOnlyStenographersVocabulary(@ForAll("queries") Query query) {
    StenographerQuery stenographer = StenographerSyntax.print(query);
    assertThat(stenographer.text())
        .doesNotContain("not ", "src ", "dst ", "portrange", "ip6", "!", "sctp", "icmp6")
        .doesNotContainPattern("\\d+[smhdw] ago");
    // What Stenographer is sent must itself be a query Docket reads: same grammar, narrower vocabulary.
    parser.parse(stenographer.text());
  }

  @Property
  void stenographerTextIsExactWhenNothingWasRelaxed(@ForAll("queries") Query query) {
    StenographerQuery stenographer = StenographerSyntax.print(query);
    if (!stenographer.needsResidualFilter()) {
      // Nothing relaxed: Stenographer was asked the query itself (port ranges spelled out).
      assertThat(QuerySyntax.print(parser.parse(stenographer.text())))
          .isEqualTo(QuerySyntax.print(expandSmallRanges(query)));
    }
  }

  private static Query expandSmallRanges(Query query) {
    if (query instanceof Port port && !port.isSingle()) {
      Query ports = Port.of(port.low());
      for (int p = port.low() + 1; p <= port.high(); p++) {
        ports = new Or(ports, Port.of(p));
      }
      return ports;
    }
    if (query instanceof And and) {
      return new And(expandSmallRanges(and.left()), expandSmallRanges(and.right()));
    }
    if (query instanceof Or or) {
      return new Or(expandSmallRanges(or.left()), expandSmallRanges(or.right()));
    }
    return query;
  }

  @Property
  void addressesPrintAndParseBack(@ForAll("addresses") IpAddress address) {
    assertThat(IpAddress.parse(address.toString())).isEqualTo(address);
  }

  @Provide
  Arbitrary<IpAddress> addresses() {
    return QueryArbitraries.addresses();
  }
}
