package dev.docket.cli;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A netrc file as curl, ftp and git read it: {@code machine HOST login USER password PASS} entries,
 * and a {@code default} entry for any other host, in any layout of whitespace. {@code macdef}
 * macros (up to the next empty line) and {@code account} are read past.
 */
final class Netrc {
  /** One entry; {@code machine} is empty for {@code default}. */
  record Entry(Optional<String> machine, Optional<String> login, Optional<String> password) {}

  private final ImmutableList<Entry> entries;

  private Netrc(ImmutableList<Entry> entries) {
    this.entries = entries;
  }

  static Netrc parse(String text) {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = text.lines().toList();
    @Nullable String machine = null;
    @Nullable String login = null;
    @Nullable String password = null;
    boolean inEntry = false;
    boolean isDefault = false;
    for (int line = 0; line < lines.size(); line++) {
      List<String> tokens = Splitter.onPattern("\\s+").omitEmptyStrings().splitToList(lines.get(line));
      for (int i = 0; i < tokens.size(); i++) {
        String token = tokens.get(i);
        switch (token) {
          case "machine", "default" -> {
            if (inEntry) {
              entries.add(entry(isDefault, machine, login, password));
            }
            inEntry = true;
            isDefault = token.equals("default");
            machine = isDefault ? null : next(tokens, ++i);
            login = null;
            password = null;
          }
          case "login" -> login = next(tokens, ++i);
          case "password" -> password = next(tokens, ++i);
          case "account" -> i++;
          case "macdef" -> {
            // The macro's body runs to the next empty line.
            while (line + 1 < lines.size() && !lines.get(line + 1).isBlank()) {
              line++;
            }
            i = tokens.size();
          }
          default -> {
            // An unknown word: skipped, as curl does.
          }
        }
      }
    }
    if (inEntry) {
      entries.add(entry(isDefault, machine, login, password));
    }
    return new Netrc(ImmutableList.copyOf(entries));
  }

  private static @Nullable String next(List<String> tokens, int index) {
    return index < tokens.size() ? tokens.get(index) : null;
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
