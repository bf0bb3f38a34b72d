package dev.docket.store;

import dev.docket.packet.PacketView;
import dev.docket.pcap.ByteSpan;
import dev.docket.pcap.CaptureFormat;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import dev.docket.source.ScanProgress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One capture file named by the caller, read and filtered on the merging thread itself: nothing is
 * copied, and no thread is needed. It is opened when the merge reaches its first packet (known
 * from a survey) and closed at its end. When too many files overlap in time it can be parked: closed,
 * and opened again on the same packet later (a classic pcap file at that record's offset; pcapng
 * and gzip files, whose reading depends on what came before, by reading up to it again).
 *
 * <p>Damage ends the file after its good packets, with a {@link ScanProgress#warning warning}; other
 * read failures propagate, except after the scan was cancelled, which explains them.
 *
 * <p>Given a {@link SplitReading}, a big classic pcap file has its back half read on a thread of its
 * own ({@link TailScan}) while this one reads the front half, and is not parked while it does.
 */
final class CaptureFileScan implements ScannedFile {
  /** How often bytes read are reported. */
  private static final long REPORT_EVERY_BYTES = 1 << 20;

  private final Path file;
  private final String name;
  private final int order;
  private final long earliestNanos;
  private final long size;
  private final int bufferBytes;
  private final Predicate<PacketView> filter;
  private final ScanProgress progress;
  private final Cancellation cancellation;
  private final @Nullable SplitReading split;

  /** Set by the merging thread, closed by it or by {@link #closeReader()} from any thread. */
  private volatile @Nullable CaptureReader reader;
  /** Whether the reader already holds the file's first packet, read by the survey (standard input). */
  private boolean primed;
  private boolean ended;
  /** The file offset of the current record, and how many records were read through it. */
  private long recordOffset;
  private long records;
  /** What a resumed classic pcap reader's offsets must be shifted by to be the file's. */
  private long offsetShift;
  private long reportedBytes;
  private boolean parked;
  private long parkedNanos;
  /** Whether the file is plain classic pcap, whose records can be found by their offset alone. */
  private boolean plainPcap;
  /** The back half, read on its own thread, until this reader ends a record where it starts (or not). */
  private volatile @Nullable TailScan tail;
  /** Where the front half's sample ends and the split is decided; -1 once decided, or never to be. */
  private long splitDecidedAt = -1;
  /** Bytes the front half kept within the sample. */
  private long keptInSample;
  /** Whether the packets now come from {@link #tail}: the front half is done. */
  private boolean inTail;
  private @Nullable MatchBatch tailBatch;
  private int tailIndex;
  private final PacketView tailPacket = new PacketView();

  /**
   * @param earliestNanos the timestamp of the file's first packet
   * @param size the bytes to report as read by the file's end
   * @param surveyed standard input, already open on its first packet (it cannot be opened again); null
   *     for a file, opened when the merge reaches it
   * @param split how a big file is read in two halves; null to read it all here
   */
  CaptureFileScan(
      Path file,
      String name,
      int order,
      long earliestNanos,
      long size,
      int bufferBytes,
      Predicate<PacketView> filter,
      ScanProgress progress,
      Cancellation cancellation,
      @Nullable CaptureReader surveyed,
      @Nullable SplitReading split) {
    this.file = file;
    this.name = name;
    this.order = order;
    this.earliestNanos = earliestNanos;
    this.size = size;
    this.bufferBytes = bufferBytes;
    this.filter = filter;
    this.progress = progress;
    this.cancellation = cancellation;
    this.split = split;
    this.reader = surveyed;
    this.primed = surveyed != null;
    this.records = surveyed != null ? 1 : 0;
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public long earliestNanos() {
    return earliestNanos;
  }

  @Override
  public void start() {
    // Read on the merging thread: nothing to start.
  }

  @Override
  public boolean next() throws IOException {
    if (ended) {
      return false;
    }
    try {
      if (inTail) {
        return nextFromTail();
      }
      CaptureReader open = reader;
      if (open == null) {
        open = adopt(openWhole());
        if (open == null) {
          return end();
        }
      }
      if (primed) {
        primed = false;
        if (filter.test(open.packet())) {
          return true;
        }
      }
      return readOn(open);
    } catch (IOException | RuntimeException failed) {
      return readingFailed(failed);
    }
  }

  /** Reads on to the next match in {@code open}, or hands over to the back half where it starts. */
  private boolean readOn(CaptureReader open) throws IOException {
    while (true) {
      long offset = open.bytesRead() + offsetShift;
      TailScan back = tail;
      if (splitDecidedAt >= 0 && offset >= splitDecidedAt) {
        back = decideSplit(offset);
      }
      if (back != null && offset >= back.start()) {
        if (offset == back.start()) {
          closeFront();
          inTail = true;
          return nextFromTail();
        }
        tail = null; // the guess was no record boundary: read on here
        back.close();
        back = null;
      }
      if (!open.next()) {
        return end();
      }
      recordOffset = offset;
      records++;
      long progressed = back == null ? offset : offset + back.bytesRead(); // both halves
      if (progressed - reportedBytes >= REPORT_EVERY_BYTES) {
        report(progressed);
      }
      if (filter.test(open.packet())) {
        if (splitDecidedAt >= 0) {
          keptInSample += open.packet().capturedLength();
        }
        return true;
      }
    }
  }

  /**
   * Starts the back half if, by the front half's sample, its matches would fit its queue; the back
   * half, or null.
   */
  private @Nullable TailScan decideSplit(long read) {
    splitDecidedAt = -1;
    SplitReading halves = split;
    if (halves != null && halves.backHalfFits(keptInSample, read - FileSurvey.PCAP_HEADER_SIZE, size - size / 2)) {
      middle().ifPresent(start -> tail = TailScan.start(file, start, buffer(), filter, halves));
    }
    return tail;
  }

  /** The back half's next match, in the order it read them. */
  private boolean nextFromTail() throws IOException {
    while (true) {
      MatchBatch batch = tailBatch;
      if (batch != null && tailIndex < batch.size()) {
        batch.view(tailIndex++, tailPacket);
        return true;
      }
      tailBatch = null;
      TailScan back = tail;
      if (back == null) {
        return end(); // closed from another thread
      }
      if (batch != null) {
        back.done(batch);
      }
      TailScan.Handoff handoff = back.take();
      report(handoff.offsetReached());
      if (handoff instanceof TailScan.Matches matches) {
        tailBatch = matches.batch();
        tailIndex = 0;
      } else if (handoff instanceof TailScan.Unfinished rest) {
        // The back half kept too much to run ahead: read the rest here, from where it stopped.
        tail = null;
        back.close();
        inTail = false;
        CaptureReader open = adopt(openAt(rest.offsetReached(), buffer()));
        return open == null ? end() : readOn(open);
      } else if (handoff instanceof TailScan.End last) {
        IOException failure = last.failure();
        if (failure != null) {
          throw failure;
        }
        CorruptCaptureException damage = last.damage();
        return damage != null ? stop(damage.getMessage()) : end();
      }
    }
  }

  @Override
  public PacketView packet() {
    if (inTail) {
      return tailPacket;
    }
    CaptureReader open = reader;
    if (open == null) {
      throw new IllegalStateException(name + " is not open");
    }
    return open.packet();
  }

  @Override
  public long timestampNanos() {
    return parked ? parkedNanos : packet().timestampNanos();
  }

  /** Standard input cannot be opened again. */
  @Override
  public boolean canPark() {
    return !ended && !parked && reader != null && records > 0 && tail == null && !inTail
        && !name.equals(CaptureFiles.STANDARD_INPUT);
  }

  @Override
  public void park() {
    parkedNanos = packet().timestampNanos();
    parked = true;
    closeReader();
  }

  @Override
  public boolean resume() throws IOException {
    parked = false;
    try {
      CaptureReader open;
      if (plainPcap) {
        open = adopt(openAt(recordOffset, resumedBuffer()));
        if (open == null || !open.next()) {
          return end();
        }
        records = 1;
      } else {
        open = adopt(openWhole());
        long through = records;
        records = 0;
        while (open != null && records < through) {
          recordOffset = open.bytesRead();
          if (!open.next()) {
            return end();
          }
          records++;
        }
        if (open == null) {
          return end();
        }
      }
      if (open.packet().timestampNanos() != parkedNanos) {
        return stop(name + ": changed while the merge ran (a packet moved); the rest is skipped");
      }
      return true;
    } catch (IOException | RuntimeException failed) {
      if (failed instanceof OpenRefusedException) {
        parked = true; // still parked where it was: the merge may try again
      }
      return readingFailed(failed);
    }
  }

  private CaptureReader openWhole() throws IOException {
    CaptureReader open;
    try {
      open = CaptureReader.open(file, buffer());
    } catch (FileSystemException refused) {
      throw refusedOrGone(refused);
    }
    plainPcap = open.format() != CaptureFormat.PCAPNG && !open.compressed();
    offsetShift = 0;
    SplitReading halves = split;
    // Opened whole only once for classic pcap (it is resumed at an offset), so decided only once.
    if (halves != null && plainPcap && size >= halves.minBytes()) {
      splitDecidedAt = halves.sampleEnd(size);
    }
    return open;
  }

  /**
   * Why the file, surveyed or read before, did not open now: gone or forbidden (said as they are),
   * or refused by the system, most often for the number of files open ({@link OpenRefusedException}).
   */
  private IOException refusedOrGone(FileSystemException failed) {
    return failed instanceof NoSuchFileException || failed instanceof AccessDeniedException ? failed : new OpenRefusedException(name, failed);
  }

  /** Where the back half probably starts; empty when the file cannot be cut, which is no failure. */
  private OptionalLong middle() {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return RecordBoundary.find(channel, size, size / 2);
    } catch (IOException unreadable) {
      return OptionalLong.empty(); // then the front reader reads it all, and meets the problem itself
    }
  }

  /**
   * The file's share of the budget, or less for a small file: its size is all it can fill, and
   * allocating more for each of thousands of small files would only make the collector run.
   */
  private int buffer() {
    return (int) Math.max(CaptureReader.MIN_BUFFER_BYTES, Math.min(bufferBytes, size));
  }

  /**
   * A resumed file's buffer: the least a file gets. A file is parked when more files overlap in time
   * than may be open, and is then most often parked again a few packets later; reading its whole
   * share of the budget at every resumption made a merge under a low limit of open files ten times
   * slower than this (8 interleaved files of 16 MB under {@code ulimit -n 10}: 30 s, and 3.7 s with
   * this; 0.55 s within the limit). A resumed file that stays open reads on in these smaller pieces.
   */
  private int resumedBuffer() {
    return Math.min(buffer(), CaptureFiles.MIN_BUFFER_BYTES);
  }

  /** A classic pcap file from the record at {@code offset} on, read after the file's header. */
  private CaptureReader openAt(long offset, int bufferBytes) throws IOException {
    CaptureReader open;
    try {
      open = openFromRecord(file, offset, bufferBytes);
    } catch (FileSystemException refused) {
      throw refusedOrGone(refused);
    }
    offsetShift = offset - FileSurvey.PCAP_HEADER_SIZE;
    return open;
  }

  /**
   * Reads {@code file}, a classic pcap file, from the record at {@code offset} on, behind its
   * header: how a parked file resumes, and how a big file's back half ({@link TailScan}) starts.
   * The reader's offsets are then {@code offset - 24} short of the file's.
   */
  static CaptureReader openFromRecord(Path file, long offset, int bufferBytes) throws IOException {
    return CaptureReader.open(file, List.of(new ByteSpan(0, FileSurvey.PCAP_HEADER_SIZE), ByteSpan.from(offset)), bufferBytes);
  }

  /** Takes {@code open} as the reader, unless the scan was cancelled meanwhile: then closes it. */
  private synchronized @Nullable CaptureReader adopt(CaptureReader open) throws IOException {
    if (cancellation.isCancelled()) {
      open.close();
      return null;
    }
    reader = open;
    return open;
  }

  private void report(long offset) {
    long upTo = Math.min(offset, size);
    if (upTo > reportedBytes) {
      progress.read(upTo - reportedBytes);
      reportedBytes = upTo;
    }
  }

  /** Ends the file early and says why, unless the scan was cancelled (which explains it). */
  private boolean stop(String message) {
    if (!cancellation.isCancelled()) {
      progress.warning(message);
    }
    return end();
  }

  /** The file's end: closes it and counts it done. */
  private boolean end() {
    if (!ended) {
      ended = true;
      parked = false;
      closeReader();
      report(size);
      progress.unitDone();
    }
    return false;
  }

  @Override
  public void wake() {
    // Nothing waits: the file is read on the merging thread.
  }

  @Override
  public synchronized void closeReader() {
    TailScan back = tail;
    if (back != null) {
      back.close();
    }
    closeFront();
  }

  private synchronized void closeFront() {
    CaptureReader open = reader;
    reader = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // Read-only: closing loses nothing.
      }
    }
  }

  /**
   * Ends the file after a failure while reading or reopening it: damage, a file removed or made
   * unreadable while the merge ran, is a warning and the rest goes on; a failure while the scan is
   * cancelled is the closing; the system refusing to open it is thrown with the file left as it was,
   * to be tried again; anything else ends the file and is thrown.
   *
   * @return false, the file's end
   */
  private boolean readingFailed(Exception failed) throws IOException {
    if (failed instanceof CorruptCaptureException damage) {
      return stop(damage.getMessage());
    }
    if (failed instanceof NoSuchFileException) {
      return stop(name + ": no such file (removed while the merge ran?); skipped");
    }
    if (failed instanceof AccessDeniedException) {
      return stop(name + ": permission denied; skipped");
    }
    if (cancellation.isCancelled()) {
      return end(); // closed from another thread: the reader's failure is the closing
    }
    if (failed instanceof OpenRefusedException refused) {
      throw refused; // not ended: the merge may close another file and try again
    }
    end();
    if (failed instanceof IOException io) {
      throw io;
    }
    throw (RuntimeException) failed;
  }

}
