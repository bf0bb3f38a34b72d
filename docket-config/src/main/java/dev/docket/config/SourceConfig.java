package dev.docket.config;

/** One entry of the configuration's {@code sources:} list. */
public sealed interface SourceConfig permits StenographerSourceConfig, LocalSourceConfig {
  /** The source's name, unique in the file; every message about the source starts with it. */
  String name();
}
