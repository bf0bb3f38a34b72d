package dev.docket.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A cataloged file as a query sees it.
 *
 * @param file where to read it
 * @param entry what the catalog knows of it
 * @param newest whether it is the most recently modified file of its directory: the one a rolling
 *     writer is still writing, whose unfinished last record is no damage
 * @param indexFile where its {@link FileIndex} is kept, if it has one
 */
record StoredFile(Path file, CatalogEntry entry, boolean newest, Path indexFile) {
  StoredFile {
    requireNonNull(file, "file");
    requireNonNull(entry, "entry");
    requireNonNull(indexFile, "indexFile");
  }

  /** What a query must report about the file after reading it, if anything: one line naming it. */
  Optional<String> problem() {
    CatalogEntry entry = this.entry;
    if (entry.stop() == ReadStop.DAMAGED || (entry.stop() == ReadStop.PARTIAL && !newest)) {
      return Optional.of(file + ": " + entry.reason());
    }
    return Optional.empty();
  }
}
