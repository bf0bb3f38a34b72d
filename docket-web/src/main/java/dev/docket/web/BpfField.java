package dev.docket.web;

import dev.docket.filter.QueryReader;
import dev.docket.query.Bpf;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QuerySyntax;
import io.micronaut.http.HttpStatus;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request's {@code bpf} field: a tcpdump filter that packets must also match, and-ed with the
 * query as the command line's {@code --bpf} is, with exactly libpcap's meaning. Checked on its own
 * first, so that libpcap's refusal names this field, not a column of a query the user never typed.
 */
final class BpfField {
  static final String NAME = "bpf";
  private static final String LIBPCAP_REFUSES = "libpcap refuses it: ";

  private BpfField() {}

  /**
   * The field as a query, compiled by libpcap; empty when absent or blank.
   *
   * @throws ApiException 400 naming the field, with libpcap's words, when libpcap refuses it
   */
  static Optional<Bpf> read(@Nullable Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw ApiException.badRequest("bpf must be a string, a tcpdump filter such as \"tcp[tcpflags] & tcp-syn != 0\"");
    }
    if (text.strip().length() > Bpf.MAX_LENGTH) {
      throw refused("the tcpdump filter is longer than " + Bpf.MAX_LENGTH + " characters; a filter, not a program listing");
    }
    Bpf bpf = new Bpf(text.strip());
    try {
      // Compiled here, as the job service and the stream will compile it; the clock plays no part.
      new QueryReader(java.time.Clock.systemUTC()).read(QuerySyntax.print(bpf));
    } catch (InvalidQueryException refused) {
      String message = String.valueOf(refused.getMessage());
      int words = message.indexOf(LIBPCAP_REFUSES);
      String named = QuerySyntax.print(bpf) + ": ";
      // libpcap's own words when it refuses the filter; Docket's when it does (a host name it will not
      // look up); the whole message when libpcap is missing, as it says what to install.
      throw refused(words >= 0 ? "libpcap refuses the tcpdump filter: " + message.substring(words + LIBPCAP_REFUSES.length())
          : message.startsWith(named) ? "the tcpdump filter is refused: " + message.substring(named.length())
          : message);
    }
    return Optional.of(bpf);
  }

  /**
   * {@code query} and {@code bpf} as one text in Docket's language, for the job service to read as
   * it reads any query (relative times rounded to its dedupe window). A {@code query} that is itself
   * a whole tcpdump filter is spelt as {@code bpf "..."}, since Docket's grammar must read the whole.
   *
   * @param query the query's text, checked first so that its error's column is its own; blank when
   *     the tcpdump filter is the whole query
   */
  static String and(String query, Bpf bpf, QueryReader reader) {
    if (query.isBlank()) {
      return QuerySyntax.print(bpf);
    }
    QueryReader.Reading reading = reader.reading(query);
    String left = reading.asTcpdump() ? QuerySyntax.print(reading.query()) : "(" + query + ")";
    return left + " and " + QuerySyntax.print(bpf);
  }

  /**
   * A query parameter and a {@code bpf} parameter as one query text, as the job service reads it.
   *
   * @throws ApiException 400 when neither is given, or libpcap refuses the filter
   */
  static String queryText(@Nullable String query, @Nullable String bpf, Clock clock) {
    Optional<Bpf> filter = read(bpf);
    String text = query == null ? "" : query;
    if (filter.isPresent()) {
      return and(text, filter.get(), new QueryReader(clock));
    }
    if (text.isBlank()) {
      throw ApiException.badRequest("give the query: ?query=host%2010.0.0.1%20and%20after%201h%20ago, or a tcpdump filter as ?bpf=");
    }
    return text;
  }

  /** The query, with the field's filter and-ed when there is one. */
  static Query and(Query query, Optional<Bpf> bpf) {
    return bpf.<Query>map(query::and).orElse(query);
  }

  private static ApiException refused(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "bad tcpdump filter", detail, NAME);
  }
}
