package dev.docket.store;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to set up a {@link LocalStore}.
 *
 * @param name how messages name the store
 * @param directories the directory trees of capture files
 * @param stateDirectory where to keep the catalogs when the capture directories are read-only;
 *     empty: a hidden {@code .docket-catalog} file in each directory
 * @param parallelism how many files are read and filtered at once
 * @param indexBlockBytes about how many bytes of records one block of a file's index covers: the
 *     least a selective query reads of a file that holds a match. Smaller blocks skip more, at the
 *     price of a bigger index (it applies to files cataloged from then on)
 */
public record StoreOptions(
    String name, List<Path> directories, Optional<Path> stateDirectory, int parallelism, long indexBlockBytes) {
  /** Two: one more core than the merging thread needs, on the small machines sensors run on. */
  public static final int DEFAULT_PARALLELISM = 2;

  /**
   * A mebibyte: the index is then a fraction of a percent of the data, and a flow that lasts
   * seconds touches only a few blocks of a one-minute file.
   */
  public static final long DEFAULT_INDEX_BLOCK_BYTES = 1 << 20;

  public StoreOptions {
    requireNonNull(name, "name");
    directories = List.copyOf(directories);
    requireNonNull(stateDirectory, "stateDirectory");
    checkArgument(!directories.isEmpty(), "a store needs a directory");
    checkArgument(parallelism >= 1, "parallelism %s is not positive", parallelism);
    checkArgument(indexBlockBytes >= 1, "index block size %s is not positive", indexBlockBytes);
  }

  public StoreOptions(String name, List<Path> directories, Optional<Path> stateDirectory, int parallelism) {
    this(name, directories, stateDirectory, parallelism, DEFAULT_INDEX_BLOCK_BYTES);
  }

  /** A store named "store" over {@code directories}, its catalogs beside the data. */
  public static StoreOptions of(Path... directories) {
    return new StoreOptions("store", List.of(directories), Optional.empty(), DEFAULT_PARALLELISM);
  }

  public StoreOptions withName(String name) {
    return new StoreOptions(name, directories, stateDirectory, parallelism, indexBlockBytes);
  }

  public StoreOptions withStateDirectory(Path stateDirectory) {
    return new StoreOptions(name, directories, Optional.of(stateDirectory), parallelism, indexBlockBytes);
  }

  public StoreOptions withParallelism(int parallelism) {
    return new StoreOptions(name, directories, stateDirectory, parallelism, indexBlockBytes);
  }

  public StoreOptions withIndexBlockBytes(long indexBlockBytes) {
    return new StoreOptions(name, directories, stateDirectory, parallelism, indexBlockBytes);
  }
}
