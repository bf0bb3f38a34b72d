package dev.docket.config;

import dev.docket.source.PacketSource;
import dev.docket.source.SourceException;

/**
 * Builds the source for a {@code type: local} entry. The hook for {@code dev.docket.store.LocalStore}:
 * until it is wired ({@code config -> LocalStore.open(config.path(), config.stateDirectory(), ...)}),
 * {@link #NOT_WIRED} reports every local entry as unavailable, per source.
 */
@FunctionalInterface
public interface LocalStoreOpener {
  LocalStoreOpener NOT_WIRED =
      config -> {
        throw new SourceException(config.name(), "local capture stores are not available in this build yet");
      };

  PacketSource open(LocalSourceConfig config) throws SourceException;
}
