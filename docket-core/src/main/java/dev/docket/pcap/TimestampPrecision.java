package dev.docket.pcap;

/** The timestamp unit a classic pcap file is written in. */
public enum TimestampPrecision {
  MICROSECONDS(0xa1b2c3d4, 1_000),
  NANOSECONDS(0xa1b23c4d, 1);

  private final int magic;
  private final int nanosPerUnit;

  TimestampPrecision(int magic, int nanosPerUnit) {
    this.magic = magic;
    this.nanosPerUnit = nanosPerUnit;
  }

  int magic() {
    return magic;
  }

  int nanosPerUnit() {
    return nanosPerUnit;
  }
}
