package dev.docket.cli;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command reads from the process it runs in: environment variables and the home directory
 * (where {@code ~/.netrc} is). A value, so that a test runs a command with its own.
 */
record Environment(ImmutableMap<String, String> variables, Path home) {
  static Environment system() {
    return new Environment(ImmutableMap.copyOf(System.getenv()), Path.of(System.getProperty("user.home")));
  }

  static Environment of(Map<String, String> variables, Path home) {
    return new Environment(ImmutableMap.copyOf(variables), home);
  }

  /** The variable's value, when it is set and not empty. */
  Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
  }
}
