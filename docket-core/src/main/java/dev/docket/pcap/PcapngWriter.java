package dev.docket.pcap;

import dev.docket.packet.PacketView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes a pcapng file: one section, little-endian, nanosecond timestamps ({@code if_tsresol=9}) so
 * no input's precision is lost.
 *
 * <p>Interfaces: each distinct (input, interface index, link type) gets its own Interface
 * Description Block, written just before its first packet. A merge passes each packet's input
 * number to {@link #write(PacketView, int)}, so interface 0 of one file and interface 0 of another
 * stay two interfaces; {@link #write(PacketView)} is input 0. Snapshot lengths are written as 0
 * (unlimited), since a merge's inputs may differ.
 */
public final class PcapngWriter implements CaptureWriter {
  private static final int SECTION_HEADER = 0x0a0d0d0a;
  private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
  private static final int INTERFACE_DESCRIPTION = 1;
  private static final int ENHANCED_PACKET = 6;
  private static final int OPTION_TSRESOL = 9;
  private static final int NANOSECOND_RESOLUTION = 9;
  private static final int SECTION_HEADER_SIZE = 28;
  private static final int INTERFACE_DESCRIPTION_SIZE = 32;
  private static final int ENHANCED_PACKET_OVERHEAD = 32;

  private final RecordOutput out;
  /** Interface id i stands for (inputs[i], interfaces[i], linkTypes[i]); a handful, scanned. */
  private int[] inputs = new int[4];
  private int[] interfaces = new int[4];
  private int[] linkTypes = new int[4];
  private int interfaceCount;
  private int lastInterfaceId = -1;

  private PcapngWriter(RecordOutput out) {
    this.out = out;
  }

  /** Writes the section header at once; {@code out} is closed with the writer. */
  public static PcapngWriter create(OutputStream out) throws IOException {
    RecordOutput output = new RecordOutput(out);
    output
        .reserve(SECTION_HEADER_SIZE)
        .putInt(SECTION_HEADER)
        .putInt(SECTION_HEADER_SIZE)
        .putInt(BYTE_ORDER_MAGIC)
        .putShort(1)
        .putShort(0)
        .putLong(-1) // section length unknown: we stream
        .putInt(SECTION_HEADER_SIZE);
    return new PcapngWriter(output);
  }

  @Override
  public void write(PacketView packet) throws IOException {
    write(packet, 0);
  }

  /**
   * Appends a packet that came from input number {@code input} of a merge.
   *
   * @throws IllegalArgumentException for a negative timestamp or a link type over 65535
   */
  public void write(PacketView packet, int input) throws IOException {
    long nanos = packet.timestampNanos();
    if (nanos < 0) {
      throw new IllegalArgumentException("timestamp " + nanos + " ns is before 1970");
    }
    int interfaceId = interfaceId(input, packet.interfaceIndex(), packet.linkType());
    int capturedLength = packet.capturedLength();
    int padding = -capturedLength & 3;
    int length = ENHANCED_PACKET_OVERHEAD + capturedLength + padding;
    out.reserve(28)
        .putInt(ENHANCED_PACKET)
        .putInt(length)
        .putInt(interfaceId)
        .putInt((int) (nanos >>> 32))
        .putInt((int) nanos)
        .putInt(capturedLength)
        .putInt(packet.originalLength())
        .putBytes(packet.buffer(), packet.offset(), capturedLength)
        .reserve(padding + 4)
        .putZeros(padding)
        .putInt(length);
  }

  private int interfaceId(int input, int interfaceIndex, int linkType) throws IOException {
    int last = lastInterfaceId;
    if (last >= 0
        && inputs[last] == input
        && interfaces[last] == interfaceIndex
        && linkTypes[last] == linkType) {
      return last;
    }
    for (int id = 0; id < interfaceCount; id++) {
      if (inputs[id] == input && interfaces[id] == interfaceIndex && linkTypes[id] == linkType) {
        lastInterfaceId = id;
        return id;
      }
    }
    lastInterfaceId = describeInterface(input, interfaceIndex, linkType);
    return lastInterfaceId;
  }

  private int describeInterface(int input, int interfaceIndex, int linkType) throws IOException {
    if (linkType < 0 || linkType > 0xffff) {
      throw new IllegalArgumentException("link type " + linkType + " does not fit pcapng's 16 bits");
    }
    if (interfaceCount == inputs.length) {
      inputs = Arrays.copyOf(inputs, interfaceCount * 2);
      interfaces = Arrays.copyOf(interfaces, interfaceCount * 2);
      linkTypes = Arrays.copyOf(linkTypes, interfaceCount * 2);
    }
    inputs[interfaceCount] = input;
    interfaces[interfaceCount] = interfaceIndex;
    linkTypes[interfaceCount] = linkType;
    out.reserve(INTERFACE_DESCRIPTION_SIZE)
        .putInt(INTERFACE_DESCRIPTION)
        .putInt(INTERFACE_DESCRIPTION_SIZE)
        .putShort(linkType)
        .putShort(0)
        .putInt(0) // snapshot length: unlimited
        .putShort(OPTION_TSRESOL)
        .putShort(1)
        .putInt(NANOSECOND_RESOLUTION) // the value byte, then 3 bytes of padding (little-endian)
        .putInt(0) // opt_endofopt
        .putInt(INTERFACE_DESCRIPTION_SIZE);
    return interfaceCount++;
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
