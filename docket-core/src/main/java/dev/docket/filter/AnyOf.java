package dev.docket.filter;

import dev.docket.packet.PacketView;
import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code or} of two or more operands, tested cheapest first and stopping at the first hit. */
final class AnyOf extends PacketFilter {
  private final PacketFilter[] operands;
  private final int cost;

  /** {@code operands} is owned by this filter from now on, in the order they are to be tested. */
  AnyOf(PacketFilter[] operands) {
    this.operands = operands;
    this.cost = Arrays.stream(operands).mapToInt(PacketFilter::cost).max().orElse(COST_RECORD);
  }

  @Override
  public boolean matches(PacketView packet) {
    for (PacketFilter operand : operands) {
      if (operand.matches(packet)) {
        return true;
      }
    }
    return false;
  }

  @Override
  int cost() {
    return cost;
  }

  @Override
  public String toString() {
    return Arrays.stream(operands).map(Object::toString).collect(Collectors.joining(" or ", "(", ")"));
  }
}
