package dev.docket.query;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * {@code ip proto N}, {@code tcp}, {@code udp}, ...: the upper-layer protocol of the outermost IP
 * header is {@code number}. For IPv6 that is the protocol after the extension-header chain, so a
 * fragmented or hop-by-hop TCP packet is still {@code tcp}. Matches IPv4 and IPv6 alike.
 */
public record Proto(int number) implements Query {
  public static final Proto TCP = new Proto(6);
  public static final Proto UDP = new Proto(17);
  public static final Proto ICMP = new Proto(1);
  public static final Proto ICMP6 = new Proto(58);
  public static final Proto SCTP = new Proto(132);

  public Proto {
    checkArgument(number >= 0 && number <= 255, "protocol %s out of range 0-255", number);
  }
}
