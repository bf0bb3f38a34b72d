package dev.docket.pcap;

/**
 * What a pcapng Interface Description Block says about the packets captured on it.
 *
 * @param snapLength the interface's snapshot length; 0 means unlimited
 * @param offsetSeconds {@code if_tsoffset}: seconds added to every timestamp
 */
record PcapngInterface(
    int linkType, int snapLength, TimestampResolution resolution, long offsetSeconds) {
  long timestampNanos(long units) {
    return resolution.toNanos(units) + offsetSeconds * 1_000_000_000L;
  }
}
