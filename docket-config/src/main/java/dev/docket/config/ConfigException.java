package dev.docket.config;

/**
 * A configuration file that cannot be used. The message is one line naming the file, the entry and
 * the fix: {@code docket.yaml: sources[2] (sensor-2): port must be a number from 1 to 65535, not "x"}.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }
}
