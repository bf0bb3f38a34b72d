package dev.docket.query;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ListMultimap;
import com.google.common.collect.Multimaps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Docket's form fields and URL paths, as the original Docket took them, turned into a {@link Query}.
 * All fields are joined with {@code and}, as Docket did.
 *
 * <p>Fields: {@code host}, {@code net}, {@code port} (each repeatable), {@code proto} (number or
 * name), {@code proto-name}, {@code after}, {@code before} (RFC 3339, or a date meaning its midnight
 * UTC), {@code after-ago}, {@code before-ago} (a duration such as {@code 3h30m}, {@code 3.5h} or
 * Docket's {@code 3h30}), {@code limit-packets}, {@code limit-bytes}. Empty values are ignored, as a
 * web form sends them; unknown fields are rejected by name.
 *
 * <p>Paths: {@code /host/1.2.3.4/5.6.7.8/net/10.0.0.0/8/port/80/proto/6/tcp/after/5m/before/
 * 2026-11-27T10:00:00Z/limit-packets/1000}: a field name, then its values.
 */
public final class QueryForm {
  /** Every field a form may carry, in the order their terms are joined. */
  public static final List<String> FIELDS =
      List.of(
          "host", "net", "proto", "proto-name", "port", "after", "after-ago", "before", "before-ago",
          "limit-packets", "limit-bytes");

  private static final ImmutableSet<String> REPEATABLE = ImmutableSet.of("host", "net", "port");

  private QueryForm() {}

  /**
   * Builds the query from form or JSON fields, each name with its values in the order given.
   *
   * @throws InvalidQueryException naming the field and what is wrong with it
   */
  public static FormQuery fromFields(Map<String, List<String>> fields, Clock clock) {
    requireNonNull(clock, "clock");
    for (String name : fields.keySet()) {
      if (!FIELDS.contains(name)) {
        throw new InvalidQueryException(
            "unknown field '" + name + "'; known fields: " + String.join(", ", FIELDS));
      }
    }
    List<Query> terms = new ArrayList<>();
    OptionalLong limitPackets = OptionalLong.empty();
    OptionalLong limitBytes = OptionalLong.empty();
    for (String name : FIELDS) {
      List<String> values = fields.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
      if (values.size() > 1 && !REPEATABLE.contains(name)) {
        throw new InvalidQueryException(
            "field '" + name + "' is given " + values.size() + " times; give it once");
      }
      for (String value : values) {
        try {
          switch (name) {
            case "host" -> terms.add(new Host(Direction.EITHER, IpAddress.parse(value)));
            case "net" -> terms.add(net(value));
            case "port" -> terms.add(Port.of((int) number(value, Port.MAX)));
            case "proto" -> terms.add(new Proto(protocol(value, true)));
            case "proto-name" -> terms.add(new Proto(protocol(value, false)));
            case "after" -> terms.add(TimeBound.after(instant(value)));
            case "before" -> terms.add(TimeBound.before(instant(value)));
            case "after-ago" -> terms.add(TimeBound.after(ago(value, clock)));
            case "before-ago" -> terms.add(TimeBound.before(ago(value, clock)));
            case "limit-packets" -> limitPackets = OptionalLong.of(positive(value));
            case "limit-bytes" -> limitBytes = OptionalLong.of(positive(value));
            default -> throw new AssertionError(name);
          }
        } catch (IllegalArgumentException invalid) {
          throw new InvalidQueryException("field '" + name + "': " + invalid.getMessage());
        }
      }
    }
    if (terms.isEmpty()) {
      throw new InvalidQueryException(
          "no query: give at least one of host, net, port, proto, proto-name, after, before, "
              + "after-ago or before-ago");
    }
    Query query = terms.get(0);
    for (Query term : terms.subList(1, terms.size())) {
      query = new And(query, term);
    }
    return new FormQuery(query, limitPackets, limitBytes);
  }

  /**
   * Builds the query from a Docket URL path such as {@code /host/1.2.3.4/port/80/tcp/after/5m}.
   *
   * @throws InvalidQueryException naming the segment and what is wrong with it
   */
  public static FormQuery fromPath(String path, Clock clock) {
    List<String> segments = Splitter.on('/').omitEmptyStrings().splitToList(path);
    ListMultimap<String, String> fields = LinkedListMultimap.create();
    int i = 0;
    while (i < segments.size()) {
      String segment = segments.get(i++);
      switch (segment) {
        case "host" -> {
          requireValue(segments, i, segment);
          do {
            fields.put("host", segments.get(i++));
          } while (i < segments.size() && isAddress(segments.get(i)));
        }
        case "net" -> {
          do {
            requireValue(segments, i + 1, segment); // an address, then its prefix length
            fields.put("net", segments.get(i) + "/" + segments.get(i + 1));
            i += 2;
          } while (i + 1 < segments.size() && isAddress(segments.get(i)));
        }
        case "port" -> {
          requireValue(segments, i, segment);
          do {
            fields.put("port", segments.get(i++));
          } while (i < segments.size() && segments.get(i).matches("\\d+"));
        }
        case "proto", "limit-packets", "limit-bytes" -> {
          requireValue(segments, i, segment);
          fields.put(segment, segments.get(i++));
        }
        case "after", "before" -> {
          requireValue(segments, i, segment);
          String value = segments.get(i++);
          boolean relative = !value.contains(":") && !value.matches("\\d{4}-\\d{2}-\\d{2}");
          fields.put(relative ? segment + "-ago" : segment, value);
        }
        default -> {
          if (IpProtocols.number(segment).isEmpty()) {
            throw new InvalidQueryException(
                "unknown path segment '" + segment + "'; expected host, net, port, proto, after, "
                    + "before, limit-packets, limit-bytes or a protocol name (" + IpProtocols.knownNames()
                    + ")");
          }
          fields.put("proto-name", segment);
        }
      }
    }
    return fromFields(Multimaps.asMap(fields), clock);
  }

  /** Explains that the path ends where {@code field} still needs a value at {@code index}. */
  private static void requireValue(List<String> segments, int index, String field) {
    if (index >= segments.size()) {
      throw new InvalidQueryException("path ends after '" + field + "'; give its value: /" + field + "/...");
    }
  }

  private static boolean isAddress(String text) {
    try {
      IpAddress.parse(text);
      return true;
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }

  private static Net net(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + value + "' has no prefix length; write it as " + value + "/24, for example");
    }
    IpAddress network = IpAddress.parse(value.substring(0, slash));
    int length = (int) number(value.substring(slash + 1), network.bitLength());
    if (!network.masked(length).equals(network)) {
      throw new IllegalArgumentException(
          "'" + value + "' has host bits set; did you mean " + network.masked(length) + "/" + length + "?");
    }
    return new Net(Direction.EITHER, network, length);
  }

  private static int protocol(String value, boolean numberAllowed) {
    OptionalInt named = IpProtocols.number(value);
    if (named.isPresent()) {
      return named.getAsInt();
    }
    if (numberAllowed && value.matches("\\d+")) {
      return (int) number(value, 255);
    }
    throw new IllegalArgumentException(
        "unknown protocol '" + value + "'; known: " + IpProtocols.knownNames()
            + (numberAllowed ? " or a number 0-255" : ""));
  }

  private static long number(String value, long max) {
    if (!value.matches("\\d{1,18}") || Long.parseLong(value) > max) {
      throw new IllegalArgumentException("'" + value + "' is not a number from 0 to " + max);
    }
    return Long.parseLong(value);
  }

  private static long positive(String value) {
    long number = number(value, Long.MAX_VALUE);
    if (number == 0) {
      throw new IllegalArgumentException("a limit of 0 returns nothing; give a positive number");
    }
    return number;
  }

  private static Instant instant(String value) {
    if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try { // Docket took a bare date as its midnight UTC; old links keep working.
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException badDate) {
        throw new IllegalArgumentException("'" + value + "' is not a date");
      }
    }
    return TimeText.parseInstant(value);
  }

  private static Instant ago(String value, Clock clock) {
    // Docket read "3h30" as three hours thirty minutes.
    String text = value.matches(".*h\\d+") ? value + "m" : value;
    Duration duration =
        TimeText.parseDuration(text)
            .orElseThrow(
                () -> new IllegalArgumentException(
                    "'" + value + "' is not a duration; write it like 90s, 5m, 1h30m, 3.5h, 2d or 1w"));
    Instant instant = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(duration);
    if (instant.isBefore(TimeText.EARLIEST)) {
      throw new IllegalArgumentException("'" + value + "' ago is before 1970");
    }
    return instant;
  }
}
