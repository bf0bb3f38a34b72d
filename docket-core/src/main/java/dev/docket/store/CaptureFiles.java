package dev.docket.store;

import com.google.common.collect.ImmutableList;
import dev.docket.filter.PacketFilter;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Capture files named one by one (the inputs of {@code docket filter} and {@code docket merge}) as a
 * packet source: every packet of every file that matches, merged in time order, with memory and
 * open files bounded by limits rather than by the number of files.
 *
 * <p>{@link #open} first surveys the files (opens each, reads its first packet's time, closes it), so
 * a file that cannot be read fails the whole query at once, before anything is written. The merge
 * then opens each file only when it reaches the file's first packet and closes it at its end, as the
 * store does with its cataloged files ({@link TimeOrderedScan}): rotated files are read one after
 * another, overlapping ones packet by packet. When more than {@link #maxOpenFiles()} overlap in time,
 * the file whose next packet comes last is closed and later opened again where it was. Each open
 * file's read buffer is an equal share of {@link #bufferBudget()} (at least {@link #MIN_BUFFER_BYTES},
 * at most {@link #MAX_BUFFER_BYTES}; a bigger record still gets the room it needs).
 *
 * <p>Files are read on the thread that takes the packets; none is started, unless {@link
 * #readingInParallel} gives a thread factory: then a single big classic pcap file is read in two
 * halves at once, its back half on a thread of its own, and the answer is the same. Ties in time go to the
 * file named earlier, as {@link dev.docket.merge.MergeStream} orders them, and each file's interfaces
 * are numbered apart ({@link PacketStream#interfaceId()}). A damaged file gives its packets before
 * the damage and a {@link ScanProgress#warning warning}; the others go on. {@code -} is standard
 * input, which is read once and so always stays open.
 */
public final class CaptureFiles implements PacketSource {
  /** How standard input, given as {@code -}, is named in messages. */
  public static final String STANDARD_INPUT = "standard input";

  /** Half of the 1,024 files most systems let a process open: room for everything else it opens. */
  public static final int DEFAULT_MAX_OPEN_FILES = 512;

  /** 64 MiB of read buffers: a mebibyte each for up to 64 files, less each for more. */
  public static final long DEFAULT_BUFFER_BUDGET = 64L << 20;

  /** The least buffer a file gets however many are open: below it, reading costs system calls. */
  public static final int MIN_BUFFER_BYTES = 64 << 10;

  /** The most a file gets: bigger reads do not read faster. */
  public static final int MAX_BUFFER_BYTES = 1 << 20;

  /** Enough of a file to hold its header and first record nearly always; it grows if not. */
  private static final int SURVEY_BUFFER_BYTES = 16 << 10;

  private final ImmutableList<Path> files;
  private final int maxOpenFiles;
  private final long bufferBudget;
  private final InputStream standardInput;
  private final @Nullable SplitReading split;

  private CaptureFiles(
      List<Path> files,
      int maxOpenFiles,
      long bufferBudget,
      InputStream standardInput,
      @Nullable SplitReading split) {
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("at most " + maxOpenFiles + " open files: need at least one");
    }
    if (bufferBudget < MIN_BUFFER_BYTES) {
      throw new IllegalArgumentException("a buffer budget of " + bufferBudget + " bytes is below " + MIN_BUFFER_BYTES);
    }
    this.files = ImmutableList.copyOf(files);
    this.maxOpenFiles = maxOpenFiles;
    this.bufferBudget = bufferBudget;
    this.standardInput = standardInput;
    this.split = split;
  }

  /** The files, in the order that breaks ties in time; {@code -} is standard input. */
  public static CaptureFiles of(List<Path> files) {
    return new CaptureFiles(files, DEFAULT_MAX_OPEN_FILES, DEFAULT_BUFFER_BUDGET, System.in, null);
  }

  /** The same files within other limits: at most {@code maxOpenFiles} open, sharing {@code bufferBudget} bytes. */
  public CaptureFiles withLimits(int maxOpenFiles, long bufferBudget) {
    return new CaptureFiles(files, maxOpenFiles, bufferBudget, standardInput, split);
  }

  /** The same files, {@code -} reading {@code in}. */
  public CaptureFiles withStandardInput(InputStream in) {
    return new CaptureFiles(files, maxOpenFiles, bufferBudget, in, split);
  }

  /**
   * The same files, a single big one read by two threads: when the scan has one classic pcap file
   * of at least 64 MiB, a thread from {@code threads} reads and filters its back half while the
   * taking thread does the front half, then hands its matches over in order. The packets are the
   * same, in the same order. On two cores this takes {@code docket filter} over one file from
   * tcpdump's time to below it (bench/README.md). Several files are still read by one thread: they
   * interleave in time, so no file is far ahead of the merge.
   */
  public CaptureFiles readingInParallel(ThreadFactory threads) {
    return readingInParallel(SplitReading.on(threads));
  }

  /** {@link #readingInParallel(ThreadFactory)} within other limits: for tests of small files. */
  CaptureFiles readingInParallel(SplitReading split) {
    return new CaptureFiles(files, maxOpenFiles, bufferBudget, standardInput, split);
  }

  public List<Path> files() {
    return files;
  }

  public int maxOpenFiles() {
    return maxOpenFiles;
  }

  public long bufferBudget() {
    return bufferBudget;
  }

  @Override
  public String name() {
    return files.size() == 1 ? files.get(0).toString() : files.size() + " files";
  }

  @Override
  public Set<QueryFeature> features() {
    return EnumSet.allOf(QueryFeature.class);
  }

  /** Runs the plan's native query on every file (all of it: the files are read and filtered here). */
  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
    return open(plan.nativeQuery().map(PacketFilter::compile).orElse(PacketFilter.ALL), progress);
  }

  /**
   * The packets of every file that {@code filter} matches, merged in time order.
   *
   * @throws SourceException when a file cannot be opened or is not a capture; its message is the
   *     file's problem in one line ({@code FILE: no such file}), and its {@link SourceException#source()}
   *     the file
   */
  public PacketStream open(PacketFilter filter, ScanProgress progress) throws SourceException {
    Predicate<PacketView> matches = filter::matches;
    Cancellation cancellation = new Cancellation();
    int bufferBytes = bufferBytes();
    List<CaptureFileScan> scans = new ArrayList<>();
    List<Survey> surveys = new ArrayList<>(files.size());
    long plannedBytes = 0;
    try {
      for (int order = 0; order < files.size(); order++) {
        Survey survey = survey(files.get(order));
        surveys.add(survey);
        plannedBytes += survey.size;
        if (survey.firstNanos != null) {
          scans.add(new CaptureFileScan(
              files.get(order), survey.name, order, survey.firstNanos, survey.size, bufferBytes, matches, progress,
              cancellation, survey.keptOpen, files.size() == 1 ? split : null));
        }
      }
    } catch (SourceException | RuntimeException failed) {
      surveys.forEach(Survey::close);
      throw failed;
    }
    progress.planned(files.size(), plannedBytes);
    for (Survey survey : surveys) {
      if (survey.firstNanos == null) {
        // Empty or damaged at its first record: nothing to merge.
        survey.damage.ifPresent(progress::warning);
        progress.read(survey.size);
        progress.unitDone();
      }
    }
    scans.sort(Comparator.comparingLong(CaptureFileScan::earliestNanos).thenComparingInt(CaptureFileScan::order));
    return new TimeOrderedScan(scans, 0, maxOpenFiles, () -> {}, cancellation);
  }

  /** An equal share of the budget for each file that may be open at once, within the bounds. */
  private int bufferBytes() {
    long open = Math.max(1, Math.min(maxOpenFiles, files.size()));
    return (int) Math.max(MIN_BUFFER_BYTES, Math.min(MAX_BUFFER_BYTES, bufferBudget / open));
  }

  /** What opening a file and reading its first record found. */
  private static final class Survey {
    final String name;
    final long size;
    final @Nullable Long firstNanos;
    final Optional<String> damage;
    /** Standard input, kept open on its first packet. */
    final @Nullable CaptureReader keptOpen;

    Survey(String name, long size, @Nullable Long firstNanos, Optional<String> damage,
        @Nullable CaptureReader keptOpen) {
      this.name = name;
      this.size = size;
      this.firstNanos = firstNanos;
      this.damage = damage;
      this.keptOpen = keptOpen;
    }

    void close() {
      if (keptOpen != null) {
        try {
          keptOpen.close();
        } catch (IOException ignored) {
          // Failing anyway.
        }
      }
    }
  }

  private Survey survey(Path file) throws SourceException {
    boolean stdin = file.toString().equals("-");
    String name = stdin ? STANDARD_INPUT : file.toString();
    CaptureReader reader = null;
    try {
      long size = stdin ? 0 : Files.size(file);
      // A heap buffer, read through a stream: surveying thousands of files then leaves only heap
      // garbage behind, which the collector reclaims as it goes.
      reader = CaptureReader.open(stdin ? standardInput : Files.newInputStream(file), name, SURVEY_BUFFER_BYTES);
      Long first = null;
      Optional<String> damage = Optional.empty();
      try {
        if (reader.next()) {
          first = reader.packet().timestampNanos();
        }
      } catch (CorruptCaptureException damaged) {
        damage = Optional.of(damaged.getMessage());
      }
      if (stdin && first != null) {
        CaptureReader kept = reader;
        reader = null;
        return new Survey(name, size, first, damage, kept);
      }
      return new Survey(name, size, first, damage, null);
    } catch (CorruptCaptureException notACapture) {
      throw new SourceException(notACapture.sourceName(),
          "corrupt at byte " + notACapture.byteOffset() + ": " + notACapture.reason(), notACapture);
    } catch (NoSuchFileException | FileNotFoundException missing) {
      throw new SourceException(name, "no such file", missing);
    } catch (AccessDeniedException denied) {
      throw new SourceException(name, "permission denied", denied);
    } catch (IOException unreadable) {
      String message = unreadable.getMessage();
      throw new SourceException(name, "cannot read: " + (message == null ? unreadable.toString() : message), unreadable);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException ignored) {
          // Read-only: closing loses nothing.
        }
      }
    }
  }

  @Override
  public String toString() {
    return "CaptureFiles" + files;
  }
}
