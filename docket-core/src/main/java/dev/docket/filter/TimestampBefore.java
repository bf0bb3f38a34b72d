package dev.docket.filter;

import dev.docket.packet.PacketView;

/** {@code before T}: the record's timestamp is strictly before T; reads no packet bytes. */
final class TimestampBefore extends PacketFilter {
  private final long nanos;

  TimestampBefore(long nanos) {
    this.nanos = nanos;
  }

  @Override
  public boolean matches(PacketView packet) {
    return packet.timestampNanos() < nanos;
  }

  @Override
  int cost() {
    return COST_RECORD;
  }

  @Override
  public String toString() {
    return "timestamp < " + nanos + "ns";
  }
}
