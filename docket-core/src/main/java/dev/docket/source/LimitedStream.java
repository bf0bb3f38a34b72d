package dev.docket.source;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;

/** A stream that ends after the packet reaching a {@link ResultLimit}, as Stenographer's output does. */
final class LimitedStream implements PacketStream {
  private final PacketStream source;
  private final ResultLimit limit;
  private long packets;
  private long bytes;

  LimitedStream(PacketStream source, ResultLimit limit) {
    this.source = source;
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

  @Override
  public PacketView packet() {
    return source.packet();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
