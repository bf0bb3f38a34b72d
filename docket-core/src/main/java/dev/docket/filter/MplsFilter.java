package dev.docket.filter;

import dev.docket.packet.PacketView;

/** {@code mpls N}: any recorded MPLS label stack entry carries label N. */
final class MplsFilter extends PacketFilter {
  private final int label;

  MplsFilter(int label) {
    this.label = label;
  }

  @Override
  public boolean matches(PacketView packet) {
    return packet.hasMplsLabel(label);
  }

  @Override
  int cost() {
    return COST_NETWORK;
  }

  @Override
  public String toString() {
    return "mpls " + label;
  }
}
