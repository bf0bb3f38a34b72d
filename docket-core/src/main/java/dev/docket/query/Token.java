package dev.docket.query;

/** One lexical token of query text, with the 1-based column where it starts. */
record Token(Kind kind, String text, int column) {
  enum Kind {
    WORD,
    LEFT_PAREN,
    RIGHT_PAREN,
    AND_SYMBOL,
    OR_SYMBOL,
    NOT_SYMBOL,
    END
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && text.equals(word);
  }

  /** How an error message shows this token: {@code 'foo'} or {@code end of query}. */
  String describe() {
    return kind == Kind.END ? "end of query" : "'" + text + "'";
  }
}
