package dev.docket.store;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceEstimate;
import dev.docket.source.SourceStats;
import dev.docket.source.SourceException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Directory trees of capture files (pcap, pcapng, either gzip-compressed) as a packet source: the
 * embedded default, which needs nothing else installed.
 *
 * <p>Each query first brings the catalog up to date ({@link StoreDirectory}): new files are read
 * once for their time range, a growing file from where it was last read, deleted files forgotten.
 * Then only the files whose range overlaps the query's window are opened (files without a known
 * range always are), and of a classic pcap file with a current {@link FileIndex} only the blocks that
 * may hold a match; they are read and filtered on {@link StoreOptions#parallelism()} threads created
 * for the query and merged in time order ({@link TimeOrderedScan}), in bounded memory. The store
 * evaluates the whole language itself, so plans for it are exact.
 *
 * <p>Progress counts files and the bytes of their captures. A damaged file gives its packets before
 * the damage; it, a file deleted before it was read, and a file that cannot be read are reported as
 * {@link ScanProgress#warning warnings}, and the rest of the answer still comes.
 *
 * <p>Threads: each query takes its {@link StoreOptions#parallelism()} threads from the {@link
 * ThreadFactory} the store was given, and every one of them ends before {@code close()} of the
 * query's stream returns (or before {@code open} throws).
 */
public final class LocalStore implements PacketSource {
  private final StoreOptions options;
  private final ThreadFactory threads;
  private final ImmutableList<StoreDirectory> directories;

  /**
   * A store whose queries read on threads made by {@code threads}: how a server names, bounds and
   * accounts for them. {@link #daemonThreads()} is the choice of a command-line program.
   */
  public LocalStore(StoreOptions options, ThreadFactory threads) {
    this.options = options;
    this.threads = threads;
    this.directories =
        options.directories().stream()
            .map(directory -> StoreDirectory.of(options.name(), directory, options.stateDirectory(), options.indexBlockBytes()))
            .collect(ImmutableList.toImmutableList());
  }

  /**
   * A store whose reading threads are {@link #daemonThreads()}: the choice of a command-line
   * program or a small embedding. A server names and bounds its threads with {@link
   * #LocalStore(StoreOptions, ThreadFactory)}.
   */
  public LocalStore(StoreOptions options) {
    this(options, daemonThreads());
  }

  /** A store named "store" over {@code directories}, its catalogs beside the data, read by daemon threads. */
  public static LocalStore of(Path... directories) {
    return new LocalStore(StoreOptions.of(directories));
  }

  /**
   * Daemon threads named {@code docket-store-N}, which never keep a JVM alive: the choice of a
   * command-line program. A server passes its own factory.
   */
  public static ThreadFactory daemonThreads() {
    return new ThreadFactoryBuilder().setNameFormat("docket-store-%d").setDaemon(true).build();
  }

  @Override
  public String name() {
    return options.name();
  }

  @Override
  public Set<QueryFeature> features() {
    return EnumSet.allOf(QueryFeature.class);
  }

  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
    ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), threads);
    try {
      List<StoredFile> selected = new ArrayList<>();
      for (StoreDirectory directory : directories) {
        for (StoredFile file : directory.refresh(pool)) {
          if (file.entry().isScanned() && file.entry().mayOverlap(plan.window())) {
            selected.add(file);
          }
        }
      }
      selected.sort(
          Comparator.comparingLong((StoredFile file) -> file.entry().hasTimes() ? file.entry().earliestNanos() : Long.MIN_VALUE)
              .thenComparing(StoredFile::file));
      progress.planned(selected.size(), selected.stream().mapToLong(LocalStore::plannedBytes).sum());
      Predicate<PacketView> filter = filterFor(plan);
      Cancellation cancellation = new Cancellation();
      List<FileScan> scans = new ArrayList<>(selected.size());
      for (StoredFile file : selected) {
        scans.add(new FileScan(file, scans.size(), filter, plan, progress, pool, cancellation));
      }
      // Read ahead on the pool, these files cannot be parked: every file the merge reaches stays open.
      return new TimeOrderedScan(scans, 2 * options.parallelism(), Integer.MAX_VALUE, stopping(pool), cancellation);
    } catch (SourceException failed) {
      pool.shutdownNow();
      throw failed;
    } catch (IOException | RuntimeException failed) {
      pool.shutdownNow();
      String message = failed.getMessage();
      throw new SourceException(name(), message == null ? failed.toString() : message, failed);
    }
  }

  /**
   * What {@code plan} would read, from the catalog (brought up to date first, as a query would) and
   * each file's index: the files whose time range overlaps the window; of an indexed file the bytes
   * and packets of the blocks that may match, of any other file all its bytes and packets.
   */
  @Override
  public SourceEstimate estimate(QueryPlan plan) throws SourceException {
    return withCatalog(files -> {
      long count = 0;
      long bytes = 0;
      long packets = 0;
      for (StoredFile file : files) {
        CatalogEntry entry = file.entry();
        if (!entry.isScanned() || !entry.mayOverlap(plan.window())) {
          continue;
        }
        count++;
        Optional<FileIndex.Selection> selection = selection(file, plan);
        if (selection.isPresent()) {
          bytes += entry.end() - FileSurvey.PCAP_HEADER_SIZE - selection.get().skippedBytes();
          packets += selection.get().packetsAtMost();
        } else {
          bytes += plannedBytes(file);
          packets += entry.packets();
        }
      }
      return SourceEstimate.of(name(), count, bytes, packets);
    });
  }

  /**
   * What the store holds, from its catalog (brought up to date first): {@code files} (captures),
   * {@code bytes}, {@code packets}, and the {@code oldest} and {@code newest} packet's time (RFC 3339,
   * UTC), for an operator's or the web UI's sources page.
   */
  @Override
  public SourceStats stats() throws SourceException {
    return withCatalog(files -> {
      long count = 0;
      long bytes = 0;
      long packets = 0;
      long oldest = Long.MAX_VALUE;
      long newest = Long.MIN_VALUE;
      for (StoredFile file : files) {
        CatalogEntry entry = file.entry();
        if (!entry.kind().isCapture()) {
          continue;
        }
        count++;
        bytes += entry.size();
        packets += entry.packets();
        if (entry.hasTimes()) {
          oldest = Math.min(oldest, entry.earliestNanos());
          newest = Math.max(newest, entry.latestNanos());
        }
      }
      Map<String, String> values = new LinkedHashMap<>();
      values.put("files", Long.toString(count));
      values.put("bytes", Long.toString(bytes));
      values.put("packets", Long.toString(packets));
      if (oldest <= newest) {
        values.put("oldest", TimeStamps.instant(oldest).toString());
        values.put("newest", TimeStamps.instant(newest).toString());
      }
      return SourceStats.of(values);
    });
  }

  /** What {@code reading} makes of the catalog's files, brought up to date on a pool that then ends. */
  private <T> T withCatalog(Function<List<StoredFile>, T> reading) throws SourceException {
    ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), threads);
    try {
      List<StoredFile> files = new ArrayList<>();
      for (StoreDirectory directory : directories) {
        files.addAll(directory.refresh(pool));
      }
      return reading.apply(files);
    } catch (SourceException failed) {
      throw failed;
    } catch (IOException | RuntimeException failed) {
      String message = failed.getMessage();
      throw new SourceException(name(), message == null ? failed.toString() : message, failed);
    } finally {
      try {
        stopping(pool).close();
      } catch (IOException stuck) {
        // The survey's workers are interrupted; a query's own close reports a stuck one.
      }
    }
  }

  /** What a current index says {@code plan} reads of {@code file}; empty without one. */
  private static Optional<FileIndex.Selection> selection(StoredFile file, QueryPlan plan) {
    if (file.entry().kind() != FileKind.PCAP || plan.query().isEmpty()) {
      return Optional.empty();
    }
    try {
      return FileIndex.read(file.indexFile(), file.entry()).map(index -> index.select(plan.query().get(), plan.window()));
    } catch (IOException unreadable) {
      return Optional.empty(); // then the query reads the file whole, and so does the estimate
    }
  }

  /** Stops the pool's threads, and waits for them: none outlives the query's stream. */
  private static Closeable stopping(ExecutorService pool) {
    return () -> {
      pool.shutdownNow();
      try {
        if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
          throw new IOException("the store's workers did not stop within a minute");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while stopping the store's workers");
      }
    };
  }

  private static long plannedBytes(StoredFile file) {
    return file.entry().kind() == FileKind.UNREADABLE ? file.entry().size() : file.entry().end();
  }

  /**
   * The plan's native query, which the store runs whole (it evaluates every feature, so for its own
   * plans that is the query itself; a residual filter is the fan-out's to apply).
   */
  private static Predicate<PacketView> filterFor(QueryPlan plan) {
    PacketFilter query = plan.nativeQuery().map(PacketFilter::compile).orElse(PacketFilter.ALL);
    return query::matches;
  }

  @Override
  public String toString() {
    return "LocalStore" + options.directories();
  }
}
