package dev.docket.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.List;

/**
 * Some byte ranges of a file, read one after another as if they were one stream: how a reader skips
 * the parts of a capture that an index proved it need not read. Reads are positional, so nothing
 * between the ranges is touched.
 */
final class RangedChunkSource implements ChunkSource {
  private final FileChannel channel;
  private final List<ByteSpan> ranges;
  private final Iterator<ByteSpan> remaining;
  private long position;
  private long rangeEnd;

  /** @param ranges ascending and disjoint */
  RangedChunkSource(FileChannel channel, List<ByteSpan> ranges) {
    this.channel = channel;
    this.ranges = ranges;
    this.remaining = ranges.iterator();
  }

  @Override
  public int read(ByteBuffer into) throws IOException {
    while (position == rangeEnd) {
      if (!remaining.hasNext()) {
        return -1;
      }
      ByteSpan next = remaining.next();
      position = next.start();
      rangeEnd = next.end();
    }
    int limit = into.limit();
    into.limit(into.position() + (int) Math.min(into.remaining(), rangeEnd - position));
    try {
      int read = channel.read(into, position);
      if (read < 0) {
        // The file is shorter than the range (replaced since it was indexed): end here, so the reader
        // reports a truncated record rather than joining what is left of the ranges.
        while (remaining.hasNext()) {
          remaining.next();
        }
        rangeEnd = position;
        return -1;
      }
      position += read;
      return read;
    } finally {
      into.limit(limit);
    }
  }

  @Override
  public long fileOffset(long streamOffset) {
    long before = 0;
    for (ByteSpan range : ranges) {
      long length = range.length();
      if (streamOffset < before + length) {
        return range.start() + (streamOffset - before);
      }
      before += length;
    }
    return streamOffset - before + (ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1).end());
  }

  @Override
  public ByteBuffer allocate(int capacity) {
    return ByteBuffer.allocateDirect(capacity);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
