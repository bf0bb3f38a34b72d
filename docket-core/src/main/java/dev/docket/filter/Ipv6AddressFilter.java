package dev.docket.filter;

import dev.docket.packet.PacketView;
import dev.docket.query.Direction;

/**
 * {@code host} or {@code net} for IPv6, as two 64-bit halves: a host is the network of prefix length
 * 128.
 */
final class Ipv6AddressFilter extends PacketFilter {
  private final boolean source;
  private final boolean destination;
  private final long networkHigh;
  private final long networkLow;
  private final long maskHigh;
  private final long maskLow;
  private final String description;

  Ipv6AddressFilter(
      Direction direction, long networkHigh, long networkLow, int prefixLength, String description) {
    this.source = direction != Direction.DST;
    this.destination = direction != Direction.SRC;
    this.maskHigh = leadingOnes(prefixLength);
    this.maskLow = leadingOnes(prefixLength - 64);
    this.networkHigh = networkHigh & maskHigh;
    this.networkLow = networkLow & maskLow;
    this.description = description;
  }

  private static long leadingOnes(int count) {
    if (count <= 0) {
      return 0;
    }
    return count >= 64 ? -1L : -1L << (64 - count);
  }

  @Override
  public boolean matches(PacketView packet) {
    if (packet.ipVersion() != 6) {
      return false;
    }
    return (source
            && (packet.ipv6SourceHigh() & maskHigh) == networkHigh
            && (packet.ipv6SourceLow() & maskLow) == networkLow)
        || (destination
            && (packet.ipv6DestinationHigh() & maskHigh) == networkHigh
            && (packet.ipv6DestinationLow() & maskLow) == networkLow);
  }

  @Override
  int cost() {
    return COST_NETWORK;
  }

  @Override
  public String toString() {
    return description;
  }
}
