package dev.docket.filter;

import static java.util.Objects.requireNonNull;

import dev.docket.query.And;
import dev.docket.query.Bpf;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Not;
import dev.docket.query.Or;
import dev.docket.query.Query;
import dev.docket.query.QueryParseException;
import dev.docket.query.QueryParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a query as analysts type it: Docket's language, or, when the whole text is not Docket's
 * but libpcap compiles it, a tcpdump filter taken as {@code bpf "TEXT"}. Every {@code bpf} part is
 * compiled here, so an expression libpcap refuses is a bad query before any packet is read. What the
 * command line, the job service and the server read queries with.
 */
public final class QueryReader {
  private final QueryParser parser;

  /** @param clock what relative times ({@code after 1h ago}) are read against */
  public QueryReader(Clock clock) {
    this.parser = new QueryParser(clock);
  }

  /**
   * How a text was read.
   *
   * @param query the query
   * @param asTcpdump whether the text was not Docket's language and was taken whole as {@code bpf}
   * @param split for a text taken as {@code bpf}: its top-level {@code and} terms that Docket reads
   *     itself, with the rest left as {@code bpf}, which sources could be asked natively; a
   *     suggestion only (Docket's {@code host} means IP only, tcpdump's also ARP), empty when no
   *     term is Docket's
   */
  public record Reading(Query query, boolean asTcpdump, Optional<Query> split) {
    public Reading {
      requireNonNull(query, "query");
      requireNonNull(split, "split");
    }
  }

  /** Reads {@code text}; see {@link #reading} for what else it tells. */
  public Query read(String text) {
    return reading(text).query();
  }

  /**
   * Reads {@code text} as Docket's language, else as a tcpdump filter.
   *
   * @throws QueryParseException when neither reads it: Docket's error with its column, and libpcap's
   * @throws InvalidQueryException when a {@code bpf} part is refused by libpcap, or libpcap is missing
   */
  public Reading reading(String text) {
    QueryParseException docketsError;
    try {
      Query query = parser.parse(text);
      validate(query);
      return new Reading(query, false, Optional.empty());
    } catch (QueryParseException notDockets) {
      docketsError = notDockets;
    }
    if (text.isBlank() || text.length() > Bpf.MAX_LENGTH) {
      throw docketsError;
    }
    Bpf whole = new Bpf(text.strip());
    try {
      new BpfFilter(whole.expression());
    } catch (InvalidQueryException alsoNotTcpdumps) {
      throw new QueryParseException(
          docketsError.column(), docketsError.reason() + "; as a tcpdump filter, " + libpcapsWords(alsoNotTcpdumps.getMessage()));
    }
    return new Reading(whole, true, split(whole.expression()));
  }

  /** Compiles every {@code bpf} part of {@code query}, so libpcap's refusal is an error now. */
  private static void validate(Query query) {
    if (query instanceof Bpf bpf) {
      new BpfFilter(bpf.expression());
    } else if (query instanceof And and) {
      validate(and.left());
      validate(and.right());
    } else if (query instanceof Or or) {
      validate(or.left());
      validate(or.right());
    } else if (query instanceof Not not) {
      validate(not.operand());
    }
  }

  private static String libpcapsWords(String message) {
    int refuses = message.indexOf("libpcap refuses it: ");
    return refuses < 0 ? message : "libpcap says: " + message.substring(refuses + "libpcap refuses it: ".length());
  }

  /**
   * The tcpdump text's top-level {@code and} terms that Docket reads itself, and the rest as
   * {@code bpf}; empty when none is Docket's, or the text has no top-level {@code and}.
   */
  private Optional<Query> split(String expression) {
    List<String> terms = topLevelConjuncts(expression);
    if (terms.size() < 2) {
      return Optional.empty();
    }
    List<Query> dockets = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String term : terms) {
      try {
        dockets.add(parser.parse(term));
      } catch (InvalidQueryException notDockets) {
        rest.add(term);
      }
    }
    if (dockets.isEmpty()) {
      return Optional.empty();
    }
    Query split = dockets.get(0);
    for (Query query : dockets.subList(1, dockets.size())) {
      split = new And(split, query);
    }
    if (!rest.isEmpty()) {
      split = new And(split, new Bpf(String.join(" and ", rest)));
    }
    return Optional.of(split);
  }

  /**
   * Splits at {@code and} / {@code &&} outside parentheses and brackets; the whole expression as one
   * term when it has an {@code or} there too (libpcap's and and or bind equally, left to right, so
   * its terms are not conjuncts of the whole).
   */
  static List<String> topLevelConjuncts(String expression) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (depth == 0 && (expression.startsWith("||", i) || isWordAt(expression, i, "or"))) {
        return List.of(expression);
      } else if (depth == 0) {
        int length = conjunctionAt(expression, i);
        if (length > 0) {
          terms.add(expression.substring(start, i).strip());
          start = i + length;
          i = start - 1;
        }
      }
    }
    terms.add(expression.substring(start).strip());
    return terms.stream().anyMatch(String::isEmpty) ? List.of(expression) : terms;
  }

  /** The length of an {@code and} or {@code &&} operator at {@code i} (with white space before it), or 0. */
  private static int conjunctionAt(String text, int i) {
    if (text.startsWith("&&", i)) {
      return 2;
    }
    return isWordAt(text, i, "and") ? 3 : 0;
  }

  /** Whether {@code word} stands at {@code i} with white space on both sides. */
  private static boolean isWordAt(String text, int i, String word) {
    int end = i + word.length();
    return i > 0 && Character.isWhitespace(text.charAt(i - 1)) && end < text.length() && Character.isWhitespace(text.charAt(end))
        && text.startsWith(word, i);
  }
}
