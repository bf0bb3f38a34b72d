package dev.docket.query;

/** Which address or port of a packet a primitive looks at. */
public enum Direction {
  /** The source or the destination: {@code host}, {@code net}, {@code port}. */
  EITHER(""),
  /** Only the source: {@code src host}, ... */
  SRC("src "),
  /** Only the destination: {@code dst host}, ... */
  DST("dst ");

  private final String prefix;

  Direction(String prefix) {
    this.prefix = prefix;
  }

  /** The keyword and its trailing space as written before a primitive, or "" for {@link #EITHER}. */
  String prefix() {
    return prefix;
  }
}
