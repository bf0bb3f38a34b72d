package dev.docket.store;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.docket.query.Query;
import dev.docket.query.TimeWindow;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A classic pcap file's blocks and what each holds ({@link BlockSummary}), so that a query reads
 * only the blocks that may hold its packets. Kept in a file of its own beside the catalog, written
 * when the survey reads the capture and valid only for the file as the catalog saw it (same size,
 * modification time and end): any other index is ignored and the file read whole, so a stale or
 * missing index costs time, never packets.
 *
 * @param size the capture's size when indexed
 * @param modifiedNanos its modification time then
 * @param end the offset just past the last record indexed
 * @param blocks in file order, covering every record from the file header to {@code end}
 */
record FileIndex(long size, long modifiedNanos, long end, ImmutableList<BlockSummary> blocks) {
  private static final byte[] MAGIC = "DKTIDX03".getBytes(StandardCharsets.US_ASCII);

  FileIndex {
    requireNonNull(blocks, "blocks");
  }

  /**
   * The segments of blocks a query must read: those whose times may overlap {@code window} and
   * whose values may match {@code query}, adjacent ones joined into one range.
   */
  Selection select(Query query, TimeWindow window) {
    ImmutableRangeSet.Builder<Long> ranges = ImmutableRangeSet.builder();
    long selected = 0;
    long packets = 0;
    for (BlockSummary block : blocks) {
      int segments = block.segmentsIn(window);
      if (segments != 0) {
        segments &= block.segmentsHolding(query);
      }
      if (segments != 0) {
        packets += block.packets();
      }
      for (int i = 0; segments != 0; i++, segments >>>= 1) {
        if ((segments & 1) != 0) {
          long start = block.segmentStart(i);
          long end = block.segmentEnd(i);
          ranges.add(Range.closedOpen(start, end));
          selected += end - start;
        }
      }
    }
    long indexed = blocks.isEmpty() ? 0 : end - blocks.get(0).start();
    return new Selection(ranges.build(), indexed - selected, packets);
  }

  /**
   * What a query reads of a file.
   *
   * @param ranges the byte ranges to read, in file order; empty when none may match
   * @param skippedBytes how many bytes of records the index proved need not be read
   * @param packetsAtMost the packets of the blocks read: no more than these can match
   */
  record Selection(ImmutableRangeSet<Long> ranges, long skippedBytes, long packetsAtMost) {}

  /** Whether the blocks follow one another from the file header to {@link #end}, as the builder makes them. */
  private boolean isContiguous() {
    long next = blocks.isEmpty() ? end : blocks.get(0).start();
    if (next < FileSurvey.PCAP_HEADER_SIZE) {
      return false;
    }
    for (BlockSummary block : blocks) {
      if (block.start() != next) {
        return false;
      }
      next = block.end();
    }
    return next == end;
  }

  /** Replaces {@code file} with this index, atomically. */
  void write(Path file) throws IOException {
    int length = MAGIC.length + Integer.BYTES + 3 * Long.BYTES + Integer.BYTES;
    for (BlockSummary block : blocks) {
      length += block.serializedSize();
    }
    ByteBuffer bytes = ByteBuffer.allocate(length);
    bytes.put(MAGIC).putInt(0).putLong(size).putLong(modifiedNanos).putLong(end).putInt(blocks.size());
    for (BlockSummary block : blocks) {
      block.write(bytes);
    }
    bytes.putInt(MAGIC.length, checksum(bytes.array()));
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".partial");
    try {
      Files.write(temporary, bytes.array());
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * CRC-32C of everything after the magic and the checksum itself: a damaged index is never used,
   * so its values need no checking when read (their order, which lookups rely on, is the builder's).
   */
  private static int checksum(byte[] index) {
    CRC32C crc = new CRC32C();
    int from = MAGIC.length + Integer.BYTES;
    crc.update(index, from, index.length - from);
    return (int) crc.getValue();
  }

  /**
   * The index in {@code file} of the capture {@code entry} describes; empty when there is none, it
   * cannot be used, or it was made from the capture as it was before (then the capture is read
   * whole).
   */
  static Optional<FileIndex> read(Path file, CatalogEntry entry) throws IOException {
    ByteBuffer bytes;
    try {
      bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
    try {
      byte[] magic = new byte[MAGIC.length];
      bytes.get(magic);
      if (!Arrays.equals(magic, MAGIC) || bytes.getInt() != checksum(bytes.array())) {
        return Optional.empty();
      }
      long size = bytes.getLong();
      long modified = bytes.getLong();
      long end = bytes.getLong();
      if (size != entry.size() || modified != TimeStamps.nanos(entry.modified()) || end != entry.end()) {
        return Optional.empty(); // stale: its blocks are not even read
      }
      int count = bytes.getInt();
      if (count < 0 || count > bytes.remaining()) {
        return Optional.empty();
      }
      ImmutableList.Builder<BlockSummary> blocks = ImmutableList.builderWithExpectedSize(count);
      for (int i = 0; i < count; i++) {
        blocks.add(BlockSummary.read(bytes));
      }
      FileIndex index = new FileIndex(size, modified, end, blocks.build());
      return !bytes.hasRemaining() && index.isContiguous() ? Optional.of(index) : Optional.empty();
    } catch (BufferUnderflowException | IllegalArgumentException damaged) {
      return Optional.empty();
    }
  }
}
