package dev.docket.filter;

import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.PacketStream;
import java.io.IOException;

/** The packets of a stream that a filter matches; the others are skipped where they lie. */
public final class FilteredStream extends ForwardingPacketStream {
  private final PacketFilter filter;

  public FilteredStream(PacketStream source, PacketFilter filter) {
    super(source);
    this.filter = filter;
  }

  @Override
  public boolean next() throws IOException {
    while (source.next()) {
      if (filter.matches(source.packet())) {
        return true;
      }
    }
    return false;
  }
}
