package dev.docket.query;

import com.google.common.collect.ImmutableList;

/**
 * Splits query text into tokens. A word is any run of characters other than white space, parentheses
 * and the operator symbols {@code ! && ||}, so addresses, networks, port ranges and times are single
 * words and the parser gives each its meaning. A double-quoted string is one token: the expression of
 * {@code bpf "..."}.
 */
final class QueryLexer {
  private QueryLexer() {}

  static ImmutableList<Token> tokenize(String text) {
    ImmutableList.Builder<Token> tokens = ImmutableList.builder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int column = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        tokens.add(new Token(Token.Kind.LEFT_PAREN, "(", column));
        i++;
      } else if (c == ')') {
        tokens.add(new Token(Token.Kind.RIGHT_PAREN, ")", column));
        i++;
      } else if (c == '!') {
        tokens.add(new Token(Token.Kind.NOT_SYMBOL, "!", column));
        i++;
      } else if (c == '&' || c == '|') {
        if (i + 1 < text.length() && text.charAt(i + 1) == c) {
          Token.Kind kind = c == '&' ? Token.Kind.AND_SYMBOL : Token.Kind.OR_SYMBOL;
          tokens.add(new Token(kind, "" + c + c, column));
          i += 2;
        } else {
          throw new QueryParseException(
              column, "unexpected '" + c + "'; did you mean '" + c + c + "'?");
        }
      } else if (c == '"') {
        i = string(text, i, tokens);
      } else if (Character.isISOControl(c)) {
        throw new QueryParseException(
            column, String.format("unexpected control character U+%04X", (int) c));
      } else {
        int end = i;
        while (end < text.length() && isWordChar(text.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Token.Kind.WORD, text.substring(i, end), column));
        i = end;
      }
    }
    tokens.add(new Token(Token.Kind.END, "", text.length() + 1));
    return tokens.build();
  }

  /**
   * Reads a double-quoted string from {@code start}: {@code \"} stands for a quote and {@code \\}
   * for a backslash; every other character, backslashes included, is itself, so a tcpdump
   * expression pastes in unchanged unless it holds a quote. Returns the index after the closing quote.
   */
  private static int string(String text, int start, ImmutableList.Builder<Token> tokens) {
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        tokens.add(new Token(Token.Kind.STRING, value.toString(), start + 1));
        return i + 1;
      }
      if (Character.isISOControl(c) && c != '\t') {
        // libpcap reads a C string: a NUL would cut the expression short of what Docket shows.
        throw new QueryParseException(i + 1, String.format("unexpected control character U+%04X in a string", (int) c));
      }
      if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
        value.append(text.charAt(i + 1));
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    throw new QueryParseException(start + 1, "the string that starts here has no closing '\"'");
  }

  private static boolean isWordChar(char c) {
    return !Character.isWhitespace(c)
        && !Character.isISOControl(c)
        && c != '('
        && c != ')'
        && c != '!'
        && c != '"'
        && c != '&'
        && c != '|';
  }
}
