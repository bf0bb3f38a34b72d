package dev.docket.packet;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of packets read one at a time into a reused {@link PacketView}: {@code while
 * (stream.next()) use(stream.packet());}. Streams never hold a whole capture in memory.
 */
public interface PacketStream extends Closeable {
  /**
   * Moves to the next packet.
   *
   * @return false at the end of the stream
   * @throws IOException when the input cannot be read; a corrupt capture throws after every good
   *     packet before the damage has been returned
   */
  boolean next() throws IOException;

  /** The current packet; valid until the next call to {@link #next()}. */
  PacketView packet();

  /**
   * The capture interface the current packet was recorded on, numbered within this stream. A
   * stream that merges several inputs numbers each input's interfaces apart, so that interface 0
   * of one file and interface 0 of another (or of two sources) stay two interfaces in a pcapng
   * result. A single capture's stream numbers them as the capture does.
   */
  default int interfaceId() {
    return packet().interfaceIndex();
  }
}
