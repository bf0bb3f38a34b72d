package dev.docket.filter;

import dev.docket.packet.PacketView;
import dev.docket.query.Direction;

/**
 * {@code port} and {@code portrange}: a TCP, UDP or SCTP port in {@code [low, high]}. {@link
 * PacketView} reports no ports for later fragments or cut-off transport headers, so neither matches.
 */
final class PortFilter extends PacketFilter {
  private final boolean source;
  private final boolean destination;
  private final int low;
  private final int high;
  private final String description;

  PortFilter(Direction direction, int low, int high, String description) {
    this.source = direction != Direction.DST;
    this.destination = direction != Direction.SRC;
    this.low = low;
    this.high = high;
    this.description = description;
  }

  @Override
  public boolean matches(PacketView packet) {
    int sourcePort = packet.sourcePort();
    if (sourcePort < 0) {
      return false;
    }
    return (source && inRange(sourcePort))
        || (destination && inRange(packet.destinationPort()));
  }

  private boolean inRange(int port) {
    return port >= low && port <= high;
  }

  @Override
  int cost() {
    return COST_TRANSPORT;
  }

  @Override
  public String toString() {
    return description;
  }
}
