package dev.docket.pcap;

/** The capture file formats Docket reads, as told by the file's magic number. */
public enum CaptureFormat {
  /** Classic pcap with microsecond timestamps (magic 0xa1b2c3d4, or 0xa1b2cd34 "modified pcap"). */
  PCAP_MICROSECONDS,
  /** Classic pcap with nanosecond timestamps (magic 0xa1b23c4d). */
  PCAP_NANOSECONDS,
  /** pcapng: sections of interfaces and packet blocks, each interface with its own resolution. */
  PCAPNG
}
