package dev.docket.query;

/** One lexical token of query text, with the 1-based column where it starts. */
record Token(Kind kind, String text, int column) {
  enum Kind {
    WORD,
    /** A double-quoted string, its text unescaped: the expression of {@code bpf "..."}. */
    STRING,
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
    if (kind == Kind.END) {
      return "end of query";
    }
    return kind == Kind.STRING ? "the string \"" + text + "\"" : "'" + text + "'";
  }
}
