package dev.docket.query;

import static java.util.Objects.requireNonNull;

/** {@code host A}: the outermost IP header's source or destination (per direction) is {@code address}. */
public record Host(Direction direction, IpAddress address) implements Query {
  public Host {
    requireNonNull(direction, "direction");
    requireNonNull(address, "address");
  }

  /** {@code host A}, either direction. */
  public static Host of(String address) {
    return new Host(Direction.EITHER, IpAddress.parse(address));
  }
}
