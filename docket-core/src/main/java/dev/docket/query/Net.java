package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * {@code net P/len}: the outermost IP header's source or destination (per direction) lies in the
 * network. The network address has no bits set past the prefix, so each network has one form.
 */
public record Net(Direction direction, IpAddress network, int prefixLength) implements Query {
  public Net {
    requireNonNull(direction, "direction");
    requireNonNull(network, "network");
    checkArgument(
        prefixLength >= 0 && prefixLength <= network.bitLength(),
        "prefix length %s out of range 0-%s",
        prefixLength,
        network.bitLength());
    checkArgument(
        network.masked(prefixLength).equals(network),
        "%s/%s has bits set past the prefix; the network is %s/%s",
        network,
        prefixLength,
        network.masked(prefixLength),
        prefixLength);
  }

  /** Whether {@code address} lies in this network (always false across IP versions). */
  public boolean contains(IpAddress address) {
    return address.version() == network.version() && address.masked(prefixLength).equals(network);
  }
}
