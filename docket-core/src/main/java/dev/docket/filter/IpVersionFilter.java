package dev.docket.filter;

import dev.docket.packet.PacketView;

/** {@code ip} or {@code ip6}: the outermost network header's IP version. */
final class IpVersionFilter extends PacketFilter {
  private final int version;

  IpVersionFilter(int version) {
    this.version = version;
  }

  @Override
  public boolean matches(PacketView packet) {
    return packet.ipVersion() == version;
  }

  @Override
  int cost() {
    return COST_NETWORK;
  }

  @Override
  public String toString() {
    return version == 4 ? "ip" : "ip6";
  }
}
