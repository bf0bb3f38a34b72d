package dev.docket.source;

import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.PacketStream;
import java.io.IOException;

/** A stream that ends after the packet reaching a {@link ResultLimit}, as Stenographer's output does. */
final class LimitedStream extends ForwardingPacketStream {
  private final ResultLimit limit;
  private long packets;
  private long bytes;

  LimitedStream(PacketStream source, ResultLimit limit) {
    super(source);
    this.limit = limit;
  }

  @Override
  public boolean next() throws IOException {
    if (packets >= limit.packets() || bytes >= limit.bytes() || !source.next()) {
      return false;
    }
    packets++;
    bytes += source.packet().capturedLength() + ResultLimit.RECORD_HEADER_BYTES;
    return true;
  }
}
