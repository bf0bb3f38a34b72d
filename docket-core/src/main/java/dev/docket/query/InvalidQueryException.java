package dev.docket.query;

/**
 * A query that cannot be understood. The message is one line, written for the analyst who typed the
 * query: it names what is wrong and, where it can, the way to write it instead.
 */
public class InvalidQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message) {
    super(message);
  }
}
