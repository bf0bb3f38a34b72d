package dev.docket.query;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses Docket's query language: Stenographer's dialect extended with {@code not}, {@code src} and
 * {@code dst}, port ranges and more protocols, with pcap-filter's precedence ({@code not} binds
 * tightest; {@code and} and {@code or} bind equally and group left to right).
 *
 * <p>Every error is a {@link QueryParseException} naming the column and what was expected. Hostile
 * input stays cheap: text, nesting and the number of primitives are bounded.
 */
public final class QueryParser {
  /** The longest query text accepted, in characters. Long enough for a few thousand hosts. */
  public static final int MAX_LENGTH = 65_536;

  /** The deepest nesting of parentheses and {@code not} accepted. */
  public static final int MAX_DEPTH = 64;

  /** The most primitives one query may hold. */
  public static final int MAX_PRIMITIVES = 4_096;

  private static final ImmutableSet<String> KEYWORDS =
      ImmutableSet.of(
          "host", "net", "mask", "port", "portrange", "src", "dst", "ip", "ip6", "proto", "tcp", "udp",
          "icmp", "icmp6", "sctp", "vlan", "mpls", "bpf", "after", "before", "ago", "and", "or", "not");

  private final Clock clock;

  /** A parser that resolves relative times ({@code 5m ago}) against {@code clock}. */
  public QueryParser(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Parses {@code text} into a query.
   *
   * @throws QueryParseException naming the column and what was expected
   */
  public Query parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new QueryParseException(
          MAX_LENGTH + 1, "query is longer than " + MAX_LENGTH + " characters");
    }
    return new Run(QueryLexer.tokenize(text), clock).parseQuery();
  }

  /** One parse: a cursor over the tokens. */
  private static final class Run {
    private final ImmutableList<Token> tokens;
    private final Clock clock;
    private int position;
    private int depth;
    private int primitives;

    Run(ImmutableList<Token> tokens, Clock clock) {
      this.tokens = tokens;
      this.clock = clock;
    }

    Query parseQuery() {
      if (peek().kind() == Token.Kind.END) {
        throw new QueryParseException(peek().column(), "the query is empty; try 'host 10.0.0.1'");
      }
      Query query = parseExpression();
      Token next = peek();
      if (next.kind() == Token.Kind.RIGHT_PAREN) {
        throw new QueryParseException(next.column(), "')' has no matching '('");
      }
      if (next.kind() != Token.Kind.END) {
        throw new QueryParseException(
            next.column(),
            "expected 'and', 'or' or end of query, found " + next.describe()
                + " (join primitives with 'and' or 'or')");
      }
      return query;
    }

    private Query parseExpression() {
      Query left = parseUnary();
      while (true) {
        Token operator = peek();
        if (operator.kind() == Token.Kind.AND_SYMBOL || operator.isWord("and")) {
          position++;
          left = new And(left, parseUnary());
        } else if (operator.kind() == Token.Kind.OR_SYMBOL || operator.isWord("or")) {
          position++;
          left = new Or(left, parseUnary());
        } else {
          return left;
        }
      }
    }

    private Query parseUnary() {
      Token token = peek();
      if (token.kind() == Token.Kind.NOT_SYMBOL || token.isWord("not")) {
        position++;
        enter(token);
        Query operand = parseUnary();
        depth--;
        return new Not(operand);
      }
      if (token.kind() == Token.Kind.LEFT_PAREN) {
        position++;
        enter(token);
        Query inner = parseExpression();
        Token close = peek();
        if (close.kind() != Token.Kind.RIGHT_PAREN) {
          throw new QueryParseException(
              close.column(),
              "expected 'and', 'or' or ')' to close the '(' at column " + token.column()
                  + ", found " + close.describe());
        }
        position++;
        depth--;
        return inner;
      }
      if (token.kind() != Token.Kind.WORD) {
        throw new QueryParseException(
            token.column(), "expected a primitive such as 'host 10.0.0.1', found " + token.describe());
      }
      if (++primitives > MAX_PRIMITIVES) {
        throw new QueryParseException(
            token.column(), "query has more than " + MAX_PRIMITIVES + " primitives");
      }
      return parsePrimitive();
    }

    private void enter(Token token) {
      if (++depth > MAX_DEPTH) {
        throw new QueryParseException(
            token.column(), "query is nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    private Query parsePrimitive() {
      Token keyword = next();
      switch (keyword.text()) {
        case "src":
          return parseDirected(Direction.SRC, keyword);
        case "dst":
          return parseDirected(Direction.DST, keyword);
        case "host":
          return parseHost(Direction.EITHER, keyword);
        case "net":
          return parseNet(Direction.EITHER, keyword);
        case "port":
          return parsePort(Direction.EITHER, keyword);
        case "portrange":
          return parsePortRange(Direction.EITHER, keyword);
        case "ip":
          if (peek().isWord("proto")) {
            return parseIpProto(next());
          }
          return IpVersion.IPV4;
        case "ip6":
          return IpVersion.IPV6;
        case "tcp":
          return withTransportPort(Proto.TCP);
        case "udp":
          return withTransportPort(Proto.UDP);
        case "sctp":
          return withTransportPort(Proto.SCTP);
        case "icmp":
          return Proto.ICMP;
        case "icmp6":
          return Proto.ICMP6;
        case "vlan":
          return new Vlan(parseNumber(keyword, "a VLAN id", Vlan.MAX));
        case "mpls":
          return new Mpls(parseNumber(keyword, "an MPLS label", Mpls.MAX));
        case "after":
          return TimeBound.after(parseTime(keyword));
        case "before":
          return TimeBound.before(parseTime(keyword));
        case "bpf":
          return parseBpf(keyword);
        default:
          throw unknownPrimitive(keyword);
      }
    }

    private Query parseBpf(Token keyword) {
      Token expression = next();
      if (expression.kind() != Token.Kind.STRING) {
        throw new QueryParseException(
            expression.column(),
            "expected a tcpdump expression in double quotes after 'bpf', such as bpf \"tcp[13] & 2 != 0\", found "
                + expression.describe());
      }
      if (expression.text().isBlank()) {
        throw new QueryParseException(expression.column(), "the bpf expression is empty");
      }
      if (expression.text().length() > Bpf.MAX_LENGTH) {
        throw new QueryParseException(expression.column(), "the bpf expression is longer than " + Bpf.MAX_LENGTH + " characters");
      }
      return new Bpf(expression.text());
    }

    private QueryParseException unknownPrimitive(Token word) {
      String lower = word.text().toLowerCase(Locale.ROOT);
      if (!lower.equals(word.text()) && KEYWORDS.contains(lower)) {
        return new QueryParseException(
            word.column(), "keywords are lower case: write '" + lower + "', not " + word.describe());
      }
      if (looksLikeAddress(word.text())) {
        return new QueryParseException(
            word.column(),
            "expected a primitive, found address " + word.describe() + "; write 'host "
                + word.text() + "'");
      }
      if (KEYWORDS.contains(word.text())) {
        return new QueryParseException(
            word.column(), "expected a primitive such as 'host 10.0.0.1', found " + word.describe());
      }
      return new QueryParseException(
          word.column(),
          "unknown primitive " + word.describe() + "; expected host, net, port, portrange, src, dst, "
              + "ip, ip6, tcp, udp, sctp, icmp, icmp6, vlan, mpls, bpf, after or before");
    }

    private static boolean looksLikeAddress(String text) {
      try {
        IpAddress.parse(text);
        return true;
      } catch (IllegalArgumentException notAnAddress) {
        return false;
      }
    }

    /** After {@code src} or {@code dst}: host, net, port, portrange, or a bare address (host). */
    private Query parseDirected(Direction direction, Token keyword) {
      Token token = peek();
      switch (token.kind() == Token.Kind.WORD ? token.text() : "") {
        case "host":
          return parseHost(direction, next());
        case "net":
          return parseNet(direction, next());
        case "port":
          return parsePort(direction, next());
        case "portrange":
          return parsePortRange(direction, next());
        default:
          if (token.kind() == Token.Kind.WORD && looksLikeAddress(token.text())) {
            return new Host(direction, parseAddress(keyword));
          }
          throw new QueryParseException(
              token.column(),
              "expected 'host', 'net', 'port' or 'portrange' after " + keyword.describe()
                  + ", found " + token.describe());
      }
    }

    /** {@code tcp port 80} is pcap-filter's way to write {@code tcp and port 80}; keep it working. */
    private Query withTransportPort(Proto proto) {
      Token token = peek();
      Direction direction = Direction.EITHER;
      int lookahead = 0;
      if (token.isWord("src") || token.isWord("dst")) {
        direction = token.isWord("src") ? Direction.SRC : Direction.DST;
        lookahead = 1;
      }
      Token keyword = tokens.get(Math.min(position + lookahead, tokens.size() - 1));
      if (keyword.isWord("port") || keyword.isWord("portrange")) {
        position += lookahead + 1;
        Port port =
            keyword.isWord("port") ? parsePort(direction, keyword) : parsePortRange(direction, keyword);
        return new And(proto, port);
      }
      return proto;
    }

    private Host parseHost(Direction direction, Token keyword) {
      return new Host(direction, parseAddress(keyword));
    }

    private IpAddress parseAddress(Token keyword) {
      Token token = peek();
      if (token.kind() != Token.Kind.WORD) {
        throw expected("an IP address", keyword, token);
      }
      if (token.text().contains("/")) {
        throw new QueryParseException(
            token.column(),
            token.describe() + " is a network; write 'net " + token.text() + "' instead of "
                + keyword.describe());
      }
      try {
        IpAddress address = IpAddress.parse(token.text());
        position++;
        return address;
      } catch (IllegalArgumentException notAnAddress) {
        if (isWordy(token.text())) {
          throw new QueryParseException(
              token.column(),
              "expected an IP address after " + keyword.describe() + ", found " + token.describe()
                  + " (host names are not looked up; give an address)");
        }
        throw new QueryParseException(
            token.column(),
            "expected an IP address after " + keyword.describe() + ": " + notAnAddress.getMessage());
      }
    }

    private static boolean isWordy(String text) {
      return text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
          && text.chars().anyMatch(Character::isLetter);
    }

    private Net parseNet(Direction direction, Token keyword) {
      Token token = peek();
      if (token.kind() != Token.Kind.WORD) {
        throw expected("a network such as 10.0.0.0/8", keyword, token);
      }
      int slash = token.text().indexOf('/');
      IpAddress network;
      int prefixLength;
      if (slash >= 0) {
        network = addressIn(token, token.text().substring(0, slash), keyword);
        String length = token.text().substring(slash + 1);
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > network.bitLength()) {
          throw new QueryParseException(
              token.column() + slash + 1,
              "expected a prefix length 0-" + network.bitLength() + " after '/', found '" + length + "'");
        }
        prefixLength = Integer.parseInt(length);
        position++;
      } else {
        network = addressIn(token, token.text(), keyword);
        position++;
        Token mask = peek();
        if (!mask.isWord("mask")) {
          throw new QueryParseException(
              mask.column(),
              "expected '/length' or 'mask M' after 'net " + token.text() + "', found "
                  + mask.describe() + " (write 'net " + token.text() + "/24', for example)");
        }
        position++;
        Token maskValue = peek();
        IpAddress maskAddress = addressIn(maskValue, maskValue.text(), mask);
        if (maskAddress.version() != network.version()) {
          throw new QueryParseException(
              maskValue.column(), "mask " + maskValue.describe() + " is not the same IP version as "
                  + token.describe());
        }
        prefixLength = maskAddress.maskPrefixLength();
        if (prefixLength < 0) {
          throw new QueryParseException(
              maskValue.column(), "mask " + maskValue.describe() + " is not contiguous; "
                  + "only masks like 255.255.0.0 are supported");
        }
        position++;
      }
      if (!network.masked(prefixLength).equals(network)) {
        throw new QueryParseException(
            token.column(),
            "'" + network + "/" + prefixLength + "' has host bits set; did you mean '"
                + network.masked(prefixLength) + "/" + prefixLength + "'?");
      }
      return new Net(direction, network, prefixLength);
    }

    private static IpAddress addressIn(Token token, String text, Token after) {
      if (token.kind() != Token.Kind.WORD) {
        throw expected("an IP address", after, token);
      }
      try {
        return IpAddress.parse(text);
      } catch (IllegalArgumentException notAnAddress) {
        throw new QueryParseException(
            token.column(),
            "expected an IP address after " + after.describe() + ": " + notAnAddress.getMessage());
      }
    }

    private Port parsePort(Direction direction, Token keyword) {
      Token token = peek();
      if (token.kind() == Token.Kind.WORD && token.text().matches("\\d+-\\d+")) {
        throw new QueryParseException(
            token.column(), "port ranges are written 'portrange " + token.text() + "'");
      }
      int port = parseNumber(keyword, "a port number 0-65535", Port.MAX);
      return new Port(direction, port, port);
    }

    private Port parsePortRange(Direction direction, Token keyword) {
      Token token = peek();
      String text = token.kind() == Token.Kind.WORD ? token.text() : "";
      int dash = text.indexOf('-');
      if (dash <= 0 || !text.substring(0, dash).matches("\\d{1,5}") || !text.substring(dash + 1).matches("\\d{1,5}")) {
        throw expected("a port range such as 1024-2047", keyword, token);
      }
      int low = Integer.parseInt(text.substring(0, dash));
      int high = Integer.parseInt(text.substring(dash + 1));
      if (low > Port.MAX || high > Port.MAX) {
        throw new QueryParseException(token.column(), "port range '" + text + "' is outside 0-65535");
      }
      if (low > high) {
        throw new QueryParseException(
            token.column(), "port range '" + text + "' is backwards; write '" + high + "-" + low + "'");
      }
      position++;
      return new Port(direction, low, high);
    }

    private Proto parseIpProto(Token keyword) {
      Token token = peek();
      if (token.kind() != Token.Kind.WORD) {
        throw expected("a protocol number or name", keyword, token);
      }
      OptionalInt named = IpProtocols.number(token.text());
      if (named.isPresent()) {
        position++;
        return new Proto(named.getAsInt());
      }
      if (!token.text().matches("\\d{1,3}")) {
        throw new QueryParseException(
            token.column(),
            "expected a protocol number 0-255 or name after 'proto', found " + token.describe()
                + "; names: " + IpProtocols.knownNames());
      }
      return new Proto(parseNumber(keyword, "a protocol number 0-255", 255));
    }

    private int parseNumber(Token keyword, String what, int max) {
      Token token = peek();
      if (token.kind() != Token.Kind.WORD || !token.text().matches("\\d{1,10}")) {
        throw expected(what, keyword, token);
      }
      long value = Long.parseLong(token.text());
      if (value > max) {
        throw new QueryParseException(
            token.column(), "expected " + what + " after " + keyword.describe() + ", found "
                + token.describe() + " (over " + max + ")");
      }
      position++;
      return (int) value;
    }

    private Instant parseTime(Token keyword) {
      Token token = peek();
      if (token.kind() != Token.Kind.WORD) {
        throw expected("a time such as 2026-11-27T10:00:00Z or 5m ago", keyword, token);
      }
      Optional<Duration> ago;
      try {
        ago = TimeText.parseDuration(token.text());
      } catch (IllegalArgumentException tooLong) {
        throw new QueryParseException(token.column(), tooLong.getMessage());
      }
      if (ago.isPresent()) {
        position++;
        Token agoWord = peek();
        if (!agoWord.isWord("ago")) {
          throw new QueryParseException(
              agoWord.column(),
              "expected 'ago' after '" + token.text() + "', found " + agoWord.describe()
                  + " (write '" + keyword.text() + " " + token.text() + " ago')");
        }
        position++;
        // Count from the start of the current second: canonical text stays short and readable.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant instant = now.minus(ago.get());
        if (instant.isBefore(TimeText.EARLIEST)) {
          throw new QueryParseException(token.column(), "'" + token.text() + " ago' is before 1970");
        }
        return instant;
      }
      try {
        Instant instant = TimeText.parseInstant(token.text());
        position++;
        return instant;
      } catch (IllegalArgumentException badTime) {
        throw new QueryParseException(token.column(), badTime.getMessage());
      }
    }

    private static QueryParseException expected(String what, Token keyword, Token found) {
      return new QueryParseException(
          found.column(),
          "expected " + what + " after " + keyword.describe() + ", found " + found.describe());
    }

    private Token peek() {
      return tokens.get(position);
    }

    private Token next() {
      return tokens.get(position++);
    }
  }
}
