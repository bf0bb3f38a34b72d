package dev.docket.filter;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;

/** The packets of a stream that a filter matches; the others are skipped where they lie. */
public final class FilteredStream implements PacketStream {
  private final PacketStream source;
  private final PacketFilter filter;

  public FilteredStream(PacketStream source, PacketFilter filter) {
    this.source = source;
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

  @Override
  public PacketView packet() {
    return source.packet();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
