package dev.docket.query;

/**
 * A syntax error in query text, at a 1-based column: {@code error at column 14: expected an IP
 * address after 'host', found 'foo'}.
 */
public final class QueryParseException extends InvalidQueryException {
  private static final long serialVersionUID = 1L;

  private final int column;
  private final String reason;

  public QueryParseException(int column, String reason) {
    super("error at column " + column + ": " + reason);
    this.column = column;
    this.reason = reason;
  }

  /** The 1-based column of the first character that could not be understood. */
  public int column() {
    return column;
  }

  /** The message without its column prefix. */
  public String reason() {
    return reason;
  }
}
