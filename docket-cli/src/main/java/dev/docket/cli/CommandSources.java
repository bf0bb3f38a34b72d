package dev.docket.cli;

import com.google.common.io.Closer;
import dev.docket.config.ConfiguredSources;
import dev.docket.config.DocketConfig;
import dev.docket.config.LocalStoreOpener;
import dev.docket.source.PacketSource;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The sources a command's --store and --config give, as {@code query} and {@code serve} open them. */
final class CommandSources {
  private CommandSources() {}

  /**
   * The stores given with --store (one source named "store"), then every source of the
   * configuration; {@code closer} releases the sensors' connections.
   */
  static List<PacketSource> open(List<Path> stores, Optional<Path> state, int threads, @Nullable DocketConfig config, Closer closer) {
    List<PacketSource> sources = new ArrayList<>();
    if (!stores.isEmpty()) {
      sources.add(new LocalStore(new StoreOptions("store", stores, state, threads)));
    }
    if (config != null) {
      LocalStoreOpener local =
          entry -> new LocalStore(new StoreOptions(entry.name(), List.of(entry.path()), entry.stateDirectory(), threads));
      sources.addAll(closer.register(ConfiguredSources.open(config, local)).sources());
    }
    return sources;
  }
}
