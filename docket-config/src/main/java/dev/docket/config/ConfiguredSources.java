package dev.docket.config;

import com.google.common.collect.ImmutableList;
import com.google.common.io.Closer;
import dev.docket.source.PacketSource;
import dev.docket.stenographer.StenographerSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The packet sources a configuration describes, ready for {@code SourceFanOut}: a source that could
 * not be set up is in the list too, and reports its failure in its own name when asked. Close it to
 * release the sensors' connections.
 */
public final class ConfiguredSources implements Closeable {
  private final ImmutableList<PacketSource> sources;

  private ConfiguredSources(ImmutableList<PacketSource> sources) {
    this.sources = sources;
  }

  /** Builds every source of {@code config}; {@code local} builds the {@code type: local} ones. */
  public static ConfiguredSources open(DocketConfig config, LocalStoreOpener local) {
    ImmutableList.Builder<PacketSource> sources = ImmutableList.builder();
    for (SourceConfig source : config.sources()) {
      try {
        if (source instanceof StenographerSourceConfig stenographer) {
          sources.add(StenographerSource.create(stenographer.settings()));
        } else {
          sources.add(local.open((LocalSourceConfig) source));
        }
      } catch (dev.docket.source.SourceException e) {
        sources.add(new UnavailableSource(e));
      }
    }
    return new ConfiguredSources(sources.build());
  }

  public List<PacketSource> sources() {
    return sources;
  }

  @Override
  public void close() throws IOException {
    Closer closer = Closer.create();
    for (PacketSource source : sources) {
      if (source instanceof Closeable closeable) {
        closer.register(closeable);
      }
    }
    closer.close();
  }
}
