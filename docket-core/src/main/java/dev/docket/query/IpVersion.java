package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;

/** {@code ip} or {@code ip6}: the outermost network header is IPv4 or IPv6. */
public record IpVersion(int version) implements Query {
  public static final IpVersion IPV4 = new IpVersion(4);
  public static final IpVersion IPV6 = new IpVersion(6);

  public IpVersion {
    checkArgument(version == 4 || version == 6, "IP version %s is neither 4 nor 6", version);
  }
}
