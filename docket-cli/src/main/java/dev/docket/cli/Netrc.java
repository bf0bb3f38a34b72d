package dev.docket.cli;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A netrc file as curl, ftp and git read it: {@code machine HOST login USER password PASS} entries,
 * and a {@code default} entry for any other host, its words separated by any whitespace, newlines
 * included. {@code macdef} macros (up to the next empty line) and {@code account} are read past.
 */
final class Netrc {
  /** One entry; {@code machine} is empty for {@code default}. */
  record Entry(Optional<String> machine, Optional<String> login, Optional<String> password) {}

  private static final Pattern WORD = Pattern.compile("\\S+");
  /** The end of a macro: an empty line. */
  private static final Pattern EMPTY_LINE = Pattern.compile("\\n[ \\t]*(\\r?\\n|$)");

  private final ImmutableList<Entry> entries;

  private Netrc(ImmutableList<Entry> entries) {
    this.entries = entries;
  }

  static Netrc parse(String text) {
    List<Entry> entries = new ArrayList<>();
    Matcher words = WORD.matcher(text);
    @Nullable String machine = null;
    @Nullable String login = null;
    @Nullable String password = null;
    boolean inEntry = false;
    boolean isDefault = false;
    while (words.find()) {
      switch (words.group()) {
        case "machine", "default" -> {
          if (inEntry) {
            entries.add(entry(isDefault, machine, login, password));
          }
          inEntry = true;
          isDefault = words.group().equals("default");
          machine = isDefault ? null : next(words);
          login = null;
          password = null;
        }
        case "login" -> login = next(words);
        case "password" -> password = next(words);
        case "account" -> next(words);
        case "macdef" -> {
          // The macro's name, then its body up to the next empty line: not words of entries.
          Matcher end = EMPTY_LINE.matcher(text);
          if (!end.find(words.end())) {
            words.region(text.length(), text.length());
          } else {
            words.region(end.end(), text.length());
          }
        }
        default -> {
          // An unknown word: skipped, as curl does.
        }
      }
    }
    if (inEntry) {
      entries.add(entry(isDefault, machine, login, password));
    }
    return new Netrc(ImmutableList.copyOf(entries));
  }

  private static @Nullable String next(Matcher words) {
    return words.find() ? words.group() : null;
  }

  private static Entry entry(boolean isDefault, @Nullable String machine, @Nullable String login, @Nullable String password) {
    return new Entry(isDefault ? Optional.empty() : Optional.ofNullable(machine), Optional.ofNullable(login), Optional.ofNullable(password));
  }

  /**
   * The entry for {@code host}: the first {@code machine} of that name (case-insensitive, as host
   * names are) whose login is {@code user} when a user is given, else the {@code default} entry.
   */
  Optional<Entry> find(String host, Optional<String> user) {
    Optional<Entry> machine = entries.stream()
        .filter(entry -> entry.machine().filter(host::equalsIgnoreCase).isPresent())
        .filter(entry -> user.isEmpty() || entry.login().equals(user))
        .findFirst();
    if (machine.isPresent()) {
      return machine;
    }
    return entries.stream()
        .filter(entry -> entry.machine().isEmpty())
        .filter(entry -> user.isEmpty() || entry.login().equals(user))
        .findFirst();
  }
}
