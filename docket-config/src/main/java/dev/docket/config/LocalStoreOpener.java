package dev.docket.config;

import dev.docket.source.PacketSource;
import dev.docket.source.SourceException;

/**
 * Builds the source for a {@code type: local} entry. The caller decides how a local store is set
 * up (its threads, how many files it reads at once), so the configuration file stays a description.
 */
@FunctionalInterface
public interface LocalStoreOpener {
  PacketSource open(LocalSourceConfig config) throws SourceException;
}
