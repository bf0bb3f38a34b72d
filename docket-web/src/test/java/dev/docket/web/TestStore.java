package dev.docket.web;

import dev.docket.job.SharedJobStores;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A generated store of one-minute capture files from 2024-06-03T09:00:00Z, as tcpdump -G 60 leaves them. */
final class TestStore {
  /** A query that matches a good part of every store written here. */
  static final String QUERY = "tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:02:30Z";

  private TestStore() {}

  static Path write(Path directory, long seed, int minutes, double packetsPerSecond) throws IOException {
    return SharedJobStores.write(directory, seed, minutes, packetsPerSecond);
  }

  /** The store as {@code docket query --store DIR} opens it. */
  static LocalStore open(String name, Path directory) {
    return new LocalStore(new StoreOptions(name, List.of(directory), Optional.empty(), 2));
  }
}
