package dev.docket.filter;

import dev.docket.packet.PacketView;

/** {@code ip proto N}: the outermost IP header's upper-layer protocol, IPv4 and IPv6 alike. */
final class ProtocolFilter extends PacketFilter {
  private final int number;

  ProtocolFilter(int number) {
    this.number = number;
  }

  @Override
  public boolean matches(PacketView packet) {
    return packet.upperProtocol() == number;
  }

  @Override
  int cost() {
    return COST_NETWORK;
  }

  @Override
  public String toString() {
    return "ip proto " + number;
  }
}
