package dev.docket;

/** The capture format a result is written in. */
public enum OutputFormat {
  /**
   * Classic pcap with microsecond timestamps, which every tool reads. It holds one link type, taken
   * from the first packet; a result that mixes link types fails and needs {@link #PCAPNG}.
   */
  PCAP,
  /** Classic pcap with nanosecond timestamps. */
  PCAP_NANOSECONDS,
  /**
   * pcapng with nanosecond timestamps, which keeps every interface apart: each source's, and each
   * input file's, with their own link types.
   */
  PCAPNG
}
