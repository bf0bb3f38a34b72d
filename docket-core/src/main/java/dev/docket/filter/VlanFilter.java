package dev.docket.filter;

import dev.docket.packet.PacketView;

/** {@code vlan N}: any recorded VLAN tag carries id N. */
final class VlanFilter extends PacketFilter {
  private final int id;

  VlanFilter(int id) {
    this.id = id;
  }

  @Override
  public boolean matches(PacketView packet) {
    return packet.hasVlanId(id);
  }

  @Override
  int cost() {
    return COST_NETWORK;
  }

  @Override
  public String toString() {
    return "vlan " + id;
  }
}
