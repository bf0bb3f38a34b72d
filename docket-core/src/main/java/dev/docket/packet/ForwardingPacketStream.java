package dev.docket.packet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * A stream over another stream's packets, for decorators that only change which packets come
 * through (a filter, a limit, a damage boundary): they override {@link #next()} and inherit the rest.
 */
public abstract class ForwardingPacketStream implements PacketStream {
  /** The stream whose packets this one passes on. */
  protected final PacketStream source;

  protected ForwardingPacketStream(PacketStream source) {
    this.source = requireNonNull(source, "source");
  }

  @Override
  public PacketView packet() {
    return source.packet();
  }

  @Override
  public int interfaceId() {
    return source.interfaceId();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
