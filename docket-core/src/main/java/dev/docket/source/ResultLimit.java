package dev.docket.source;

import com.google.common.base.Preconditions;

/**
 * A cap on what one source sends for a query, with Stenographer's rule (its {@code Steno-Limit-Packets}
 * and {@code Steno-Limit-Bytes} headers): the answer stops after the packet that reaches either
 * limit, each packet counting its captured length plus 16 bytes of record header. It protects the
 * sensor and the network, so it counts what the source itself sends: for Stenographer, the padded
 * superset before Docket trims it.
 *
 * @param packets at most this many packets; {@link Long#MAX_VALUE} for no limit
 * @param bytes at most about this many bytes; {@link Long#MAX_VALUE} for no limit
 */
public record ResultLimit(long packets, long bytes) {
  /** No limit. */
  public static final ResultLimit NONE = new ResultLimit(Long.MAX_VALUE, Long.MAX_VALUE);

  /** What a pcap record header adds to each packet, in Stenographer's count. */
  public static final int RECORD_HEADER_BYTES = 16;

  public ResultLimit {
    Preconditions.checkArgument(packets > 0, "packet limit must be positive: %s", packets);
    Preconditions.checkArgument(bytes > 0, "byte limit must be positive: %s", bytes);
  }

  public boolean limitsPackets() {
    return packets != Long.MAX_VALUE;
  }

  public boolean limitsBytes() {
    return bytes != Long.MAX_VALUE;
  }
}
