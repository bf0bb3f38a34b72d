package dev.docket.filter;

import dev.docket.packet.PacketView;

/** Matches every packet or none: what compiling folds a query down to when packets cannot differ. */
final class Constant extends PacketFilter {
  private final boolean result;

  Constant(boolean result) {
    this.result = result;
  }

  boolean result() {
    return result;
  }

  @Override
  public boolean matches(PacketView packet) {
    return result;
  }

  @Override
  int cost() {
    return COST_RECORD;
  }

  @Override
  public String toString() {
    return result ? "all" : "none";
  }
}
