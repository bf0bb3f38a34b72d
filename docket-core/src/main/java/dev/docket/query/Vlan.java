package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;

/** {@code vlan N}: one of the packet's 802.1Q / 802.1ad tags carries VLAN id {@code id}. */
public record Vlan(int id) implements Query {
  public static final int MAX = 4_095;

  public Vlan {
    checkArgument(id >= 0 && id <= MAX, "VLAN id %s out of range 0-4095", id);
  }
}
