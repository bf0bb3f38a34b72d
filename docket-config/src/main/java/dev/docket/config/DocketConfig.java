package dev.docket.config;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;

/**
 * A validated configuration file: its sources, names unique, paths absolute and present.
 *
 * @param file the file it was read from, for messages
 * @param sources the {@code sources:} entries in file order
 */
public record DocketConfig(Path file, ImmutableList<SourceConfig> sources) {
  public DocketConfig {
    requireNonNull(file, "file");
    requireNonNull(sources, "sources");
  }
}
