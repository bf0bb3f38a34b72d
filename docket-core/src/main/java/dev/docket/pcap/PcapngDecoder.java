package dev.docket.pcap;

import dev.docket.packet.PacketView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng blocks. Each Section Header Block starts a new byte order and a new list of interfaces;
 * a packet's {@link PacketView#interfaceIndex()} is its Interface Description Block's index within
 * the section, and its link type is that interface's. Unlike libpcap, interfaces of different link
 * types or snapshot lengths are all read.
 *
 * <p>Simple Packet Blocks carry no timestamp: their packets get timestamp 0 ("unknown", as libpcap
 * reports them) rather than an invented time, so an exact time-window query never claims them. They
 * belong to the section's first interface and are cut to its snapshot length.
 */
final class PcapngDecoder implements RecordDecoder {
  static final int SECTION_HEADER = 0x0a0d0d0a;
  private static final int INTERFACE_DESCRIPTION = 1;
  private static final int OBSOLETE_PACKET = 2;
  private static final int SIMPLE_PACKET = 3;
  private static final int ENHANCED_PACKET = 6;

  private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
  private static final int OPTION_END = 0;
  private static final int OPTION_TSRESOL = 9;
  private static final int OPTION_TSOFFSET = 14;

  private static final int MIN_BLOCK_SIZE = 12;
  private static final int MIN_SECTION_HEADER_SIZE = 28;
  private static final int MIN_INTERFACE_SIZE = 20;
  private static final int MIN_SIMPLE_PACKET_SIZE = 16;
  /** Type, length, interface, timestamp (2), captured and original lengths, then trailer. */
  private static final int PACKET_OVERHEAD = 32;
  /** Room for the largest packet libpcap accepts plus 128 KiB of options, as libpcap allows. */
  static final int MAX_BLOCK_SIZE = CapturedLengthLimit.LARGEST + 131_072 + PACKET_OVERHEAD;

  private final CaptureInput input;
  private final List<PcapngInterface> interfaces = new ArrayList<>();

  private PcapngDecoder(CaptureInput input) {
    this.input = input;
  }

  /** Reads the first Section Header Block; the input is at offset 0 and holds its block type. */
  static PcapngDecoder open(CaptureInput input) throws IOException {
    PcapngDecoder decoder = new PcapngDecoder(input);
    decoder.readSectionHeader();
    return decoder;
  }

  @Override
  public CaptureFormat format() {
    return CaptureFormat.PCAPNG;
  }

  @Override
  public boolean next(PacketView view) throws IOException {
    while (true) {
      long blockOffset = input.offset();
      if (!input.request(8)) {
        if (input.available() == 0) {
          input.throwIfCutShort();
          return false;
        }
        throw input.corrupt(blockOffset, "truncated block header");
      }
      if (input.buffer().getInt(input.position()) == SECTION_HEADER) {
        readSectionHeader();
        continue;
      }
      int length = requestBlock(blockOffset, MIN_BLOCK_SIZE);
      ByteBuffer buffer = input.buffer();
      int start = input.position();
      boolean packet;
      switch (buffer.getInt(start)) {
        case ENHANCED_PACKET:
          packet = readPacket(view, buffer, start, length, buffer.getInt(start + 8), blockOffset);
          break;
        case OBSOLETE_PACKET:
          packet =
              readPacket(
                  view,
                  buffer,
                  start,
                  length,
                  Short.toUnsignedInt(buffer.getShort(start + 8)),
                  blockOffset);
          break;
        case SIMPLE_PACKET:
          packet = readSimplePacket(view, buffer, start, length, blockOffset);
          break;
        case INTERFACE_DESCRIPTION:
          interfaces.add(readInterface(buffer, start, length, blockOffset));
          packet = false;
          break;
        default:
          // Statistics, name resolution, custom and future blocks carry no packets.
          packet = false;
          break;
      }
      input.skip(length);
      if (packet) {
        return true;
      }
    }
  }

  private void readSectionHeader() throws IOException {
    long blockOffset = input.offset();
    if (!input.request(12)) {
      throw input.corrupt(blockOffset, "truncated section header block");
    }
    int start = input.position();
    input.order(ByteOrder.LITTLE_ENDIAN);
    if (input.buffer().getInt(start + 8) != BYTE_ORDER_MAGIC) {
      input.order(ByteOrder.BIG_ENDIAN);
      if (input.buffer().getInt(start + 8) != BYTE_ORDER_MAGIC) {
        throw input.corrupt(blockOffset + 8, "bad byte-order magic in section header block");
      }
    }
    int length = requestBlock(blockOffset, MIN_SECTION_HEADER_SIZE);
    start = input.position();
    int major = Short.toUnsignedInt(input.buffer().getShort(start + 12));
    int minor = Short.toUnsignedInt(input.buffer().getShort(start + 14));
    if (major != 1) {
      throw input.corrupt(blockOffset + 12, "unsupported pcapng version " + major + "." + minor);
    }
    interfaces.clear();
    input.skip(length);
  }

  /**
   * Validates the length of the block at the input's position and buffers it whole.
   *
   * @return the block's total length
   */
  private int requestBlock(long blockOffset, int minimum) throws IOException {
    int length = input.buffer().getInt(input.position() + 4);
    if (Integer.compareUnsigned(length, MAX_BLOCK_SIZE) > 0) {
      throw input.corrupt(
          blockOffset,
          "block length "
              + Integer.toUnsignedString(length)
              + " exceeds the maximum of "
              + MAX_BLOCK_SIZE);
    }
    if (length < minimum) {
      throw input.corrupt(
          blockOffset, "block length " + length + " is less than the minimum of " + minimum);
    }
    if (length % 4 != 0) {
      throw input.corrupt(blockOffset, "block length " + length + " is not a multiple of 4");
    }
    if (!input.request(length)) {
      throw input.corrupt(
          blockOffset,
          "truncated block: needs " + length + " bytes, only " + input.available() + " left");
    }
    int trailer = input.buffer().getInt(input.position() + length - 4);
    if (trailer != length) {
      throw input.corrupt(
          blockOffset,
          "block length "
              + length
              + " does not match the length "
              + Integer.toUnsignedString(trailer)
              + " at its end");
    }
    return length;
  }

  private boolean readPacket(
      PacketView view, ByteBuffer buffer, int start, int length, int interfaceId, long blockOffset)
      throws CorruptCaptureException {
    if (length < PACKET_OVERHEAD) {
      throw input.corrupt(blockOffset, "packet block length " + length + " is too short");
    }
    PcapngInterface captured = interfaceFor(interfaceId, blockOffset);
    long units = (long) buffer.getInt(start + 12) << 32 | Integer.toUnsignedLong(buffer.getInt(start + 16));
    int capturedLength = buffer.getInt(start + 20);
    if (Integer.compareUnsigned(capturedLength, length - PACKET_OVERHEAD) > 0) {
      throw input.corrupt(
          blockOffset,
          "captured length "
              + Integer.toUnsignedString(capturedLength)
              + " overruns its block of "
              + length
              + " bytes");
    }
    view.reset(
        buffer,
        start + 28,
        capturedLength,
        buffer.getInt(start + 24),
        captured.timestampNanos(units),
        captured.linkType(),
        interfaceId);
    return true;
  }

  private boolean readSimplePacket(
      PacketView view, ByteBuffer buffer, int start, int length, long blockOffset)
      throws CorruptCaptureException {
    if (length < MIN_SIMPLE_PACKET_SIZE) {
      throw input.corrupt(blockOffset, "simple packet block length " + length + " is too short");
    }
    PcapngInterface first = interfaceFor(0, blockOffset);
    int originalLength = buffer.getInt(start + 8);
    int capturedLength = originalLength;
    if (first.snapLength() != 0 && Integer.compareUnsigned(capturedLength, first.snapLength()) > 0) {
      capturedLength = first.snapLength();
    }
    if (Integer.compareUnsigned(capturedLength, length - MIN_SIMPLE_PACKET_SIZE) > 0) {
      throw input.corrupt(
          blockOffset,
          "simple packet of "
              + Integer.toUnsignedString(capturedLength)
              + " bytes overruns its block of "
              + length
              + " bytes");
    }
    view.reset(buffer, start + 12, capturedLength, originalLength, 0, first.linkType(), 0);
    return true;
  }

  private PcapngInterface interfaceFor(int interfaceId, long blockOffset)
      throws CorruptCaptureException {
    if (Integer.compareUnsigned(interfaceId, interfaces.size()) >= 0) {
      throw input.corrupt(
          blockOffset,
          "packet on interface "
              + Integer.toUnsignedString(interfaceId)
              + ", but the section describes only "
              + interfaces.size());
    }
    return interfaces.get(interfaceId);
  }

  private PcapngInterface readInterface(ByteBuffer buffer, int start, int length, long blockOffset)
      throws CorruptCaptureException {
    if (length < MIN_INTERFACE_SIZE) {
      throw input.corrupt(blockOffset, "interface description block length " + length + " is too short");
    }
    int linkType = Short.toUnsignedInt(buffer.getShort(start + 8));
    int snapLength = buffer.getInt(start + 12);
    TimestampResolution resolution = TimestampResolution.MICROSECONDS;
    long offsetSeconds = 0;
    int end = start + length - 4;
    int option = start + 16;
    while (end - option >= 4) {
      int code = Short.toUnsignedInt(buffer.getShort(option));
      int valueLength = Short.toUnsignedInt(buffer.getShort(option + 2));
      int paddedLength = (valueLength + 3) & ~3;
      if (paddedLength > end - option - 4) {
        throw input.corrupt(
            blockOffset, "interface option " + code + " of " + valueLength + " bytes overruns its block");
      }
      if (code == OPTION_END) {
        break;
      }
      if (code == OPTION_TSRESOL) {
        resolution = readResolution(buffer, option, valueLength, blockOffset);
      } else if (code == OPTION_TSOFFSET) {
        if (valueLength != 8) {
          throw input.corrupt(blockOffset, "if_tsoffset option has length " + valueLength + ", not 8");
        }
        offsetSeconds = buffer.getLong(option + 4);
      }
      option += 4 + paddedLength;
    }
    return new PcapngInterface(linkType, snapLength, resolution, offsetSeconds);
  }

  private TimestampResolution readResolution(
      ByteBuffer buffer, int option, int valueLength, long blockOffset)
      throws CorruptCaptureException {
    if (valueLength != 1) {
      throw input.corrupt(blockOffset, "if_tsresol option has length " + valueLength + ", not 1");
    }
    int value = Byte.toUnsignedInt(buffer.get(option + 4));
    return TimestampResolution.fromOption(value)
        .orElseThrow(
            () ->
                input.corrupt(
                    blockOffset,
                    "if_tsresol "
                        + ((value & 0x80) == 0 ? "10" : "2")
                        + "^-"
                        + (value & 0x7f)
                        + " is finer than Docket can count"));
  }
}
