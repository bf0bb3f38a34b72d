package dev.docket.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated configuration file: its sources, names unique, paths absolute and present.
 *
 * @param file the file it was read from, for messages
 * @param sources the {@code sources:} entries in file order
 * @param server the {@code server:} part, for {@code docket serve}; {@link ServerConfig#NONE} when absent
 */
public record DocketConfig(Path file, List<SourceConfig> sources, ServerConfig server) {
  public DocketConfig {
    requireNonNull(file, "file");
    sources = List.copyOf(sources);
    requireNonNull(server, "server");
  }

  /** A file of sources alone. */
  public DocketConfig(Path file, List<SourceConfig> sources) {
    this(file, sources, ServerConfig.NONE);
  }
}
