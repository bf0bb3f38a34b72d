package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever text arrives — typed, pasted, hostile — the parser answers with a query or a {@link
 * QueryParseException}, never another exception; and whatever it accepts prints canonically.
 */
class QueryParserRobustnessProperties {
  /** Characters that mean something in the grammar, so random text gets far into the parser. */
  private static final String GRAMMAR_CHARS = "()!&| \t0123456789abcdefhilmnoprstuvxTZ:./-+";

  private static final String[] WORDS = {
    "host", "net", "port", "portrange", "src", "dst", "and", "or", "not", "ip", "ip6", "proto", "tcp",
    "udp", "icmp", "vlan", "mpls", "after", "before", "ago", "mask", "(", ")", "!", "&&", "||",
    "10.0.0.1", "::1", "10.0.0.0/8", "80", "1-2", "5m", "2026-11-27T10:00:00Z", "2026-11-27T10:00:00"
  };

  private final QueryParser parser =
      new QueryParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

  @Property(tries = 2000)
  void randomTextIsAQueryOrAParseError(@ForAll @StringLength(max = 120) String text) {
    assertParsesOrFailsCleanly(text);
  }

  @Property(tries = 2000)
  void randomGrammarTextIsAQueryOrAParseError(@ForAll("grammarText") String text) {
    assertParsesOrFailsCleanly(text);
  }

  @Provide
  Arbitrary<String> grammarText() {
    return Arbitraries.strings().withChars(GRAMMAR_CHARS.toCharArray()).ofMaxLength(120);
  }

  @Property(tries = 2000)
  void randomWordSequencesAreAQueryOrAParseError(
      @ForAll Random random, @ForAll @IntRange(min = 1, max = 30) int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    assertParsesOrFailsCleanly(text.toString());
  }

  @Property(tries = 2000)
  void mutatedValidQueriesAreAQueryOrAParseError(
      @ForAll("queries") Query query, @ForAll Random random, @ForAll @IntRange(min = 1, max = 4) int edits) {
    StringBuilder text = new StringBuilder(QuerySyntax.print(query));
    for (int i = 0; i < edits; i++) {
      int at = text.length() == 0 ? 0 : random.nextInt(text.length());
      switch (random.nextInt(4)) {
        case 0 -> text.insert(at, GRAMMAR_CHARS.charAt(random.nextInt(GRAMMAR_CHARS.length())));
        case 1 -> {
          if (text.length() > 0) {
            text.deleteCharAt(at);
          }
        }
        case 2 -> text.insert(at, " " + WORDS[random.nextInt(WORDS.length)] + " ");
        default -> text.setLength(at);
      }
    }
    assertParsesOrFailsCleanly(text.toString());
  }

  @Provide
  Arbitrary<Query> queries() {
    return QueryArbitraries.queries();
  }

  @Property(tries = 50)
  void deepNestingIsRefusedCheaply(@ForAll @IntRange(min = 65, max = 100_000) int depth) {
    assertParsesOrFailsCleanly("(".repeat(depth) + "tcp" + ")".repeat(depth));
    assertParsesOrFailsCleanly("not ".repeat(depth) + "tcp");
    assertParsesOrFailsCleanly("! ".repeat(depth) + "tcp");
  }

  private void assertParsesOrFailsCleanly(String text) {
    Query query;
    try {
      query = parser.parse(text);
    } catch (QueryParseException expected) {
      assertThat(expected.getMessage()).startsWith("error at column ").doesNotContain("\n");
      assertThat(expected.column()).isBetween(1, Math.max(text.length(), QueryParser.MAX_LENGTH) + 1);
      return;
    }
    String canonical = QuerySyntax.print(query);
    assertThat(parser.parse(canonical)).isEqualTo(query);
  }
}
