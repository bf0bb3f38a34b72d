package dev.docket.store;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureFormat;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.CorruptCaptureException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Catalogs one file: reads its records once for their count, time range and link types, up to the
 * last complete record, and indexes a classic pcap file's blocks ({@link FileIndex}) on the way. A
 * classic pcap file that grew since it was cataloged is read only from where the last survey stopped
 * (its 24-byte header, then the new records), its index extended; any other change is surveyed
 * afresh.
 */
final class FileSurvey {
  static final int PCAP_HEADER_SIZE = 24;

  private final Path file;
  private final Path indexFile;
  private final long blockBytes;
  private final String path;
  private final long size;
  private final Instant modified;

  private long packets;
  private long earliest = Long.MAX_VALUE;
  private long latest = Long.MIN_VALUE;
  private final TreeSet<Integer> linkTypes = new TreeSet<>();
  private @Nullable FileIndexBuilder index;

  private FileSurvey(Path file, Path indexFile, long blockBytes, String path, long size, Instant modified) {
    this.file = file;
    this.indexFile = indexFile;
    this.blockBytes = blockBytes;
    this.path = path;
    this.size = size;
    this.modified = modified;
  }

  /**
   * The entry for {@code file} as it is now, reusing {@code previous} where it can: called for a
   * file that is new, changed since {@code previous}, or without its index.
   *
   * @param indexFile where the file's index is kept
   * @param blockBytes about how many bytes of records a block of that index covers
   * @param path the file's path below the store directory, as the catalog names it
   * @return empty when the file vanished meanwhile
   */
  static Optional<CatalogEntry> survey(
      Path file,
      Path indexFile,
      long blockBytes,
      String path,
      long size,
      Instant modified,
      Optional<CatalogEntry> previous) {
    FileSurvey survey = new FileSurvey(file, indexFile, blockBytes, path, size, modified);
    try {
      if (previous.isPresent() && survey.canResume(previous.get())) {
        Optional<FileIndex> earlier = FileIndex.read(indexFile, previous.get());
        if (earlier.isPresent()) {
          return Optional.of(survey.resume(previous.get(), earlier.get()));
        }
      }
      return Optional.of(survey.full());
    } catch (NoSuchFileException vanished) {
      return Optional.empty();
    } catch (AccessDeniedException denied) {
      return Optional.of(CatalogEntry.withoutPackets(path, FileKind.UNREADABLE, size, modified, "permission denied"));
    } catch (IOException unreadable) {
      String message = unreadable.getMessage();
      return Optional.of(
          CatalogEntry.withoutPackets(
              path, FileKind.UNREADABLE, size, modified, message == null ? unreadable.getClass().getSimpleName() : message));
    }
  }

  private boolean canResume(CatalogEntry previous) {
    return previous.kind() == FileKind.PCAP
        && previous.stop() != ReadStop.DAMAGED
        && previous.end() >= PCAP_HEADER_SIZE
        && size >= previous.size();
  }

  private CatalogEntry full() throws IOException {
    // From scratch, also when a resumed survey finds the file replaced.
    packets = 0;
    earliest = Long.MAX_VALUE;
    latest = Long.MIN_VALUE;
    linkTypes.clear();
    index = null;
    FileKind kind = sniff();
    if (!kind.isCapture()) {
      return CatalogEntry.withoutPackets(path, kind, size, modified, "");
    }
    CaptureReader reader;
    try {
      reader = CaptureReader.open(file);
    } catch (CorruptCaptureException unopenable) {
      return kind != FileKind.GZIP && unopenable.reason().startsWith("truncated")
          ? CatalogEntry.withoutPackets(path, FileKind.EMPTY, size, modified, "") // its header is still being written
          : entry(kind, 0, ReadStop.DAMAGED, described(unopenable, 0));
    }
    if (kind != FileKind.GZIP) {
      kind = reader.format() == CaptureFormat.PCAPNG ? FileKind.PCAPNG : FileKind.PCAP;
    }
    if (kind == FileKind.PCAP) {
      index = new FileIndexBuilder(blockBytes, ImmutableList.of());
    }
    return read(reader, kind, 0);
  }

  /** Reads the records appended since {@code previous}, behind a copy of the file's header. */
  private CatalogEntry resume(CatalogEntry previous, FileIndex earlier) throws IOException {
    index = new FileIndexBuilder(blockBytes, earlier.blocks());
    packets = previous.packets();
    if (previous.hasTimes()) {
      earliest = previous.earliestNanos();
      latest = previous.latestNanos();
    }
    linkTypes.addAll(previous.linkTypes());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer header = ByteBuffer.allocate(PCAP_HEADER_SIZE);
      while (header.hasRemaining() && channel.read(header, header.position()) > 0) {}
      if (header.hasRemaining()) {
        channel.close();
        return full(); // shrank under us: replaced
      }
      channel.position(previous.end());
      InputStream rest =
          new SequenceInputStream(new ByteArrayInputStream(header.array()), Channels.newInputStream(channel));
      CaptureReader reader = CaptureReader.open(rest, file.toString());
      return read(reader, FileKind.PCAP, previous.end() - PCAP_HEADER_SIZE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Reads {@code reader} to its end or its last complete record.
   *
   * @param skipped how many bytes of the file the reader does not see, for offsets in the file
   */
  private CatalogEntry read(CaptureReader reader, FileKind kind, long skipped) throws IOException {
    long end = skipped + reader.bytesRead();
    FileIndexBuilder index = this.index;
    try (reader) {
      while (reader.next()) {
        PacketView packet = reader.packet();
        long timestamp = packet.timestampNanos();
        earliest = Math.min(earliest, timestamp);
        latest = Math.max(latest, timestamp);
        linkTypes.add(packet.linkType());
        packets++;
        long recordStart = end;
        end = skipped + reader.bytesRead();
        if (index != null) {
          index.add(packet, recordStart, end);
        }
      }
    } catch (CorruptCaptureException damage) {
      // Plain files end in an unfinished record while being written; gzip's damage is never that.
      boolean partial = kind != FileKind.GZIP && damage.reason().startsWith("truncated");
      return indexed(entry(kind, end, partial ? ReadStop.PARTIAL : ReadStop.DAMAGED, described(damage, skipped)));
    }
    return indexed(entry(kind, end, ReadStop.END, ""));
  }

  /**
   * Writes the index of {@code entry}'s records, when one was built. Not being able to costs queries
   * time only (they read the file whole), and whatever stops it stops the catalog's own write, which
   * says what is wrong; so a failure here is dropped.
   */
  private CatalogEntry indexed(CatalogEntry entry) {
    FileIndexBuilder index = this.index;
    if (index != null) {
      try {
        index.build(entry.size(), TimeStamps.nanos(entry.modified()), entry.end()).write(indexFile);
      } catch (IOException notWritten) {
        // See above: the catalog's write reports it.
      }
    }
    return entry;
  }

  /** The damage as it reads after the file's name: {@code corrupt at byte N: reason}. */
  private static String described(CorruptCaptureException damage, long skipped) {
    return "corrupt at byte " + (damage.byteOffset() + skipped) + ": " + damage.reason();
  }

  private CatalogEntry entry(FileKind kind, long end, ReadStop stop, String reason) {
    return new CatalogEntry(
        path,
        kind,
        size,
        modified,
        end,
        packets,
        packets > 0 ? earliest : 0,
        packets > 0 ? latest : 0,
        ImmutableSortedSet.copyOf(linkTypes),
        stop,
        reason);
  }

  /** What the first bytes say the file is. */
  private FileKind sniff() throws IOException {
    if (size == 0) {
      return FileKind.EMPTY;
    }
    ByteBuffer start = ByteBuffer.allocate(4);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (start.hasRemaining() && channel.read(start, start.position()) > 0) {}
    }
    byte[] bytes = start.array();
    int length = start.position();
    if (length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      return FileKind.GZIP;
    }
    if (length < 4) {
      return FileKind.EMPTY;
    }
    int little = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return isCaptureMagic(little) || isCaptureMagic(Integer.reverseBytes(little)) ? FileKind.PCAP : FileKind.NOT_A_CAPTURE;
  }

  private static boolean isCaptureMagic(int magic) {
    return magic == 0xa1b2c3d4 || magic == 0xa1b23c4d || magic == 0xa1b2cd34 || magic == 0x0a0d0d0a;
  }
}
