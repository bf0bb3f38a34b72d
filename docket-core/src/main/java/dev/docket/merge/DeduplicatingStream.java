package dev.docket.merge;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Drops a packet when the same bytes (same link type, lengths and captured bytes) passed within a
 * short window before it: the multi-tap problem, where two sensors on one path both record every
 * packet. The source must be in time order, as a {@link MergeStream}'s output is.
 *
 * <p>Packets are compared by a 128-bit hash of their bytes (murmur3), so memory is a few dozen bytes
 * per packet in the window, whatever the packets' sizes. A retransmission is not a duplicate: its
 * IP identification or TCP fields differ, and so do its bytes.
 */
public final class DeduplicatingStream implements PacketStream {
  /** Two taps on one link see a packet within microseconds; a millisecond leaves room for jitter. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMillis(1);

  private record Seen(long timestampNanos, int linkType, int originalLength, HashCode hash) {}

  private final PacketStream source;
  private final long windowNanos;
  private final ArrayDeque<Seen> recent = new ArrayDeque<>();
  private long dropped;

  public DeduplicatingStream(PacketStream source, Duration window) {
    checkArgument(!window.isNegative(), "window %s is negative", window);
    this.source = source;
    this.windowNanos = window.toNanos();
  }

  @Override
  public boolean next() throws IOException {
    while (source.next()) {
      PacketView packet = source.packet();
      long timestamp = packet.timestampNanos();
      while (!recent.isEmpty() && recent.peekFirst().timestampNanos() < timestamp - windowNanos) {
        recent.removeFirst();
      }
      ByteBuffer bytes = packet.buffer().duplicate();
      bytes.limit(packet.offset() + packet.capturedLength()).position(packet.offset());
      Seen seen =
          new Seen(timestamp, packet.linkType(), packet.originalLength(), Hashing.murmur3_128().hashBytes(bytes));
      if (isDuplicate(seen)) {
        dropped++;
        continue;
      }
      recent.addLast(seen);
      return true;
    }
    return false;
  }

  private boolean isDuplicate(Seen seen) {
    for (Seen earlier : recent) {
      if (earlier.linkType() == seen.linkType()
          && earlier.originalLength() == seen.originalLength()
          && earlier.hash().equals(seen.hash())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public PacketView packet() {
    return source.packet();
  }

  @Override
  public int interfaceId() {
    return source.interfaceId();
  }

  /** How many packets were dropped as duplicates so far. */
  public long dropped() {
    return dropped;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
