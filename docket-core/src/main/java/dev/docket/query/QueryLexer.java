package dev.docket.query;

import com.google.common.collect.ImmutableList;

/**
 * Splits query text into tokens. A word is any run of characters other than white space, parentheses
 * and the operator symbols {@code ! && ||}, so addresses, networks, port ranges and times are single
 * words and the parser gives each its meaning.
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

  private static boolean isWordChar(char c) {
    return !Character.isWhitespace(c)
        && !Character.isISOControl(c)
        && c != '('
        && c != ')'
        && c != '!'
        && c != '&'
        && c != '|';
  }
}
