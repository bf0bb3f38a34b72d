package dev.docket.pcap;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a classic pcap file: little-endian, one link type, micro- or nanosecond timestamps. A
 * packet the file cannot hold (another link type, longer than the snapshot length, a time outside
 * 1970–2106) is refused with an {@link IllegalArgumentException}, never silently altered.
 */
public final class PcapWriter implements CaptureWriter {
  /** libpcap's largest snapshot length for ordinary link types. */
  public static final int DEFAULT_SNAP_LENGTH = CapturedLengthLimit.DEFAULT;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long MAX_SECONDS = 0xffff_ffffL;

  private final RecordOutput out;
  private final int linkType;
  private final int snapLength;
  private final int nanosPerUnit;

  private PcapWriter(RecordOutput out, int linkType, int snapLength, TimestampPrecision precision) {
    this.out = out;
    this.linkType = linkType;
    this.snapLength = snapLength;
    this.nanosPerUnit = precision.nanosPerUnit();
  }

  /** A microsecond pcap with the default snapshot length. */
  public static PcapWriter create(OutputStream out, int linkType) throws IOException {
    return create(out, linkType, DEFAULT_SNAP_LENGTH, TimestampPrecision.MICROSECONDS);
  }

  /** Writes the file header at once; {@code out} is closed with the writer. */
  public static PcapWriter create(
      OutputStream out, int linkType, int snapLength, TimestampPrecision precision)
      throws IOException {
    if (snapLength <= 0) {
      throw new IllegalArgumentException("snapshot length must be positive, not " + snapLength);
    }
    RecordOutput output = new RecordOutput(out);
    output
        .reserve(24)
        .putInt(precision.magic())
        .putShort(2)
        .putShort(4)
        .putInt(0)
        .putInt(0)
        .putInt(snapLength)
        .putInt(linkType);
    return new PcapWriter(output, linkType, snapLength, precision);
  }

  @Override
  public void write(PacketView packet) throws IOException {
    if (packet.linkType() != linkType) {
      throw new IllegalArgumentException(
          "a packet of link type "
              + LinkType.name(packet.linkType())
              + " cannot go in this pcap file of link type "
              + LinkType.name(linkType)
              + ": classic pcap holds one link type; write pcapng to keep both");
    }
    int capturedLength = packet.capturedLength();
    if (capturedLength > snapLength) {
      throw new IllegalArgumentException(
          "a packet of "
              + capturedLength
              + " captured bytes exceeds this pcap file's snapshot length of "
              + snapLength);
    }
    long nanos = packet.timestampNanos();
    long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
    if (seconds < 0 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "timestamp " + nanos + " ns is outside classic pcap's range, 1970 to 2106");
    }
    out.reserve(16)
        .putInt((int) seconds)
        .putInt((int) (Math.floorMod(nanos, NANOS_PER_SECOND) / nanosPerUnit))
        .putInt(capturedLength)
        .putInt(packet.originalLength())
        .putBytes(packet.buffer(), packet.offset(), capturedLength);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
