package dev.docket.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code type: local} entry: a directory tree of capture files, served by {@code LocalStore}.
 *
 * @param name the source's name
 * @param path the directory of captures
 * @param stateDirectory where the store keeps its catalog; empty: the store's default
 */
public record LocalSourceConfig(String name, Path path, Optional<Path> stateDirectory) implements SourceConfig {
  public LocalSourceConfig {
    requireNonNull(name, "name");
    requireNonNull(path, "path");
    requireNonNull(stateDirectory, "stateDirectory");
  }
}
