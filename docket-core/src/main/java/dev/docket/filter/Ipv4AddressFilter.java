package dev.docket.filter;

import dev.docket.packet.PacketView;
import dev.docket.query.Direction;

/** {@code host} or {@code net} for IPv4: a host is the network of prefix length 32. */
final class Ipv4AddressFilter extends PacketFilter {
  private final boolean source;
  private final boolean destination;
  private final int network;
  private final int mask;
  private final String description;

  Ipv4AddressFilter(Direction direction, int network, int prefixLength, String description) {
    this.source = direction != Direction.DST;
    this.destination = direction != Direction.SRC;
    this.mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    this.network = network & mask;
    this.description = description;
  }

  @Override
  public boolean matches(PacketView packet) {
    if (packet.ipVersion() != 4) {
      return false;
    }
    return (source && (packet.ipv4Source() & mask) == network)
        || (destination && (packet.ipv4Destination() & mask) == network);
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
