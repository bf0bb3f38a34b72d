package dev.docket.config;

import static java.util.Objects.requireNonNull;

import dev.docket.stenographer.StenographerSettings;

/** A {@code type: stenographer} entry: a sensor reached over mutual TLS. */
public record StenographerSourceConfig(StenographerSettings settings) implements SourceConfig {
  public StenographerSourceConfig {
    requireNonNull(settings, "settings");
  }

  @Override
  public String name() {
    return settings.name();
  }
}
