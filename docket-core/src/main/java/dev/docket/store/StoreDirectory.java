package dev.docket.store;

import com.google.common.collect.ImmutableList;
import dev.docket.source.SourceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One directory tree of a store and its catalog. Each refresh walks the tree (skipping hidden names,
 * such as the catalog itself), keeps the entries of files that did not change, surveys new and
 * changed files in parallel, forgets files that are gone, and writes the catalog back if anything
 * changed.
 */
final class StoreDirectory {
  static final String CATALOG_NAME = ".docket-catalog";

  private final String storeName;
  private final Path root;
  private final Path catalogFile;
  /** Where the files' indexes are kept: beside the catalog, in a directory named after it. */
  private final Path indexDirectory;
  private final long indexBlockBytes;
  /** The catalog as last read or written; guarded by this. */
  private Map<String, CatalogEntry> entries = new LinkedHashMap<>();
  private boolean loaded;

  private StoreDirectory(String storeName, Path root, Path catalogFile, long indexBlockBytes) {
    this.storeName = storeName;
    this.root = root;
    this.catalogFile = catalogFile;
    this.indexDirectory = catalogFile.resolveSibling(catalogFile.getFileName() + ".index");
    this.indexBlockBytes = indexBlockBytes;
  }

  /**
   * @param state where to keep the catalog instead of inside {@code root}, for a read-only capture
   *     directory
   * @param indexBlockBytes about how many bytes of records a block of a file's index covers
   */
  static StoreDirectory of(String storeName, Path root, Optional<Path> state, long indexBlockBytes) {
    Path absolute = root.toAbsolutePath().normalize();
    Path catalog = state.map(directory -> directory.resolve(catalogNameFor(absolute))).orElse(absolute.resolve(CATALOG_NAME));
    return new StoreDirectory(storeName, absolute, catalog, indexBlockBytes);
  }

  /** A name for the catalog of {@code root} in a state directory shared by several stores. */
  private static String catalogNameFor(Path root) {
    String readable = root.toString().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+", "");
    String unique = Integer.toHexString(root.toString().hashCode());
    return readable + "-" + unique + CATALOG_NAME;
  }

  Path root() {
    return root;
  }

  Path catalogFile() {
    return catalogFile;
  }

  /** Where the index of the file at {@code path} (as the catalog names it) is kept. */
  Path indexFile(String path) {
    return indexDirectory.resolve(path + ".index");
  }

  /** Brings the catalog up to date with the files on disk and returns them, in no set order. */
  synchronized ImmutableList<StoredFile> refresh(ExecutorService pool) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new SourceException(storeName, root + ": no such directory");
    }
    if (!loaded) {
      CatalogFile.read(catalogFile).ifPresent(read -> read.forEach(entry -> entries.put(entry.path(), entry)));
      loaded = true;
    }
    List<Found> found;
    try {
      found = walk();
    } catch (AccessDeniedException denied) {
      throw new SourceException(storeName, denied.getFile() + ": permission denied");
    }
    List<Future<Optional<CatalogEntry>>> surveys = new ArrayList<>(found.size());
    boolean surveyed = false;
    for (Found file : found) {
      Optional<CatalogEntry> previous = Optional.ofNullable(entries.get(file.path()));
      if (previous.isPresent() && previous.get().isCurrent(file.size(), file.modified()) && indexed(previous.get())) {
        surveys.add(CompletableFuture.completedFuture(previous));
      } else {
        surveys.add(
            pool.submit(
                () ->
                    FileSurvey.survey(
                        file.file(), indexFile(file.path()), indexBlockBytes, file.path(), file.size(), file.modified(), previous)));
        surveyed = true;
      }
    }
    Map<String, CatalogEntry> updated = new LinkedHashMap<>();
    Map<Path, Instant> newestInDirectory = new HashMap<>();
    for (int i = 0; i < found.size(); i++) {
      Optional<CatalogEntry> entry = await(surveys.get(i));
      if (entry.isPresent()) {
        updated.put(found.get(i).path(), entry.get());
        newestInDirectory.merge(found.get(i).file().getParent(), found.get(i).modified(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    // Unchanged when nothing was surveyed and no file is gone: then every entry is the one read. (Not
    // updated.equals(entries): comparing records bootstraps their equals at run time, costly at start-up.)
    if (surveyed || updated.size() != entries.size()) {
      for (String gone : entries.keySet()) {
        if (!updated.containsKey(gone)) {
          forgetIndex(gone);
        }
      }
      entries = updated;
      save();
    }
    ImmutableList.Builder<StoredFile> files = ImmutableList.builder();
    for (Found file : found) {
      CatalogEntry entry = updated.get(file.path());
      if (entry != null) {
        files.add(
            new StoredFile(
                file.file(), entry, file.modified().equals(newestInDirectory.get(file.file().getParent())), indexFile(file.path())));
      }
    }
    return files.build();
  }

  private Optional<CatalogEntry> await(Future<Optional<CatalogEntry>> survey) throws IOException {
    try {
      return survey.get();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while cataloging " + root);
    } catch (ExecutionException failed) {
      throw new SourceException(storeName, "cataloging " + root + " failed: " + failed.getCause(), failed.getCause());
    }
  }

  private void save() throws IOException {
    try {
      Files.createDirectories(catalogFile.getParent());
      CatalogFile.write(catalogFile, entries.values());
    } catch (AccessDeniedException | ReadOnlyFileSystemException denied) {
      throw unwritable("permission denied");
    } catch (FileSystemException failed) {
      String reason = failed.getReason();
      throw unwritable(reason == null ? failed.getClass().getSimpleName() : reason);
    }
  }

  /**
   * Whether the entry's file has the index it should have: a classic pcap file whose index was
   * deleted is surveyed again to make it (one look at the directory per file and query).
   */
  private boolean indexed(CatalogEntry entry) {
    return entry.kind() != FileKind.PCAP || Files.exists(indexFile(entry.path()));
  }

  /** Deletes the index of a file that is gone; one left behind (unwritable directory) only takes space. */
  private void forgetIndex(String path) {
    try {
      Files.deleteIfExists(indexFile(path));
    } catch (IOException ignored) {
      // A stale index is never used: it names the file's size and time.
    }
  }

  private SourceException unwritable(String reason) {
    return new SourceException(
        storeName,
        "cannot write the catalog " + catalogFile + ": " + reason
            + "; give the store a writable state directory (docket query --state DIR)");
  }

  /** A regular file below the root, as the walk saw it. */
  private record Found(Path file, String path, long size, Instant modified) {}

  private List<Found> walk() throws IOException {
    List<Found> found = new ArrayList<>();
    // Links are followed, so a store may be a link to the capture disk; loops are reported to
    // visitFileFailed and skipped.
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            return directory.equals(root) || !isHidden(directory) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && !isHidden(file)) {
              String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
              found.add(new Found(file, path, attributes.size(), attributes.lastModifiedTime().toInstant()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure) {
            // Rotation deleted it between listing and looking: it is simply not there.
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(Comparator.comparing(Found::path)); // a catalog that reads in order
    return found;
  }

  private static boolean isHidden(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().startsWith(".");
  }
}
