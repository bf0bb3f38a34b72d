package dev.docket.filter;

import dev.docket.packet.PacketView;

/** {@code not}: matches exactly the packets its operand does not, absent fields included. */
final class Negation extends PacketFilter {
  private final PacketFilter operand;

  Negation(PacketFilter operand) {
    this.operand = operand;
  }

  PacketFilter operand() {
    return operand;
  }

  @Override
  public boolean matches(PacketView packet) {
    return !operand.matches(packet);
  }

  @Override
  int cost() {
    return operand.cost();
  }

  @Override
  public String toString() {
    return "not " + operand;
  }
}
