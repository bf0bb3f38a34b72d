package dev.docket.filter;

import dev.docket.packet.PacketView;

/** {@code after T}: the record's timestamp is at or after T; reads no packet bytes. */
final class TimestampAtOrAfter extends PacketFilter {
  private final long nanos;

  TimestampAtOrAfter(long nanos) {
    this.nanos = nanos;
  }

  @Override
  public boolean matches(PacketView packet) {
    return packet.timestampNanos() >= nanos;
  }

  @Override
  int cost() {
    return COST_RECORD;
  }

  @Override
  public String toString() {
    return "timestamp >= " + nanos + "ns";
  }
}
