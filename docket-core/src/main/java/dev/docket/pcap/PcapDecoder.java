package dev.docket.pcap;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Classic pcap records. Lengths follow libpcap's rules so that Docket and tcpdump agree on every
 * file: a captured length over {@link CapturedLengthLimit} is corruption, and a record longer than
 * the header's snapshot length is cut to it (its extra bytes skipped), as libpcap does.
 */
final class PcapDecoder implements RecordDecoder {
  static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
  static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
  /** Alexey Kuznetzov's "modified pcap": 8 more bytes per record header (ifindex, protocol, type). */
  static final int MAGIC_MODIFIED = 0xa1b2cd34;

  private static final int FILE_HEADER_SIZE = 24;
  private static final int LINKTYPE_MASK = 0xffff;

  private final CaptureInput input;
  private final CaptureFormat format;
  private final int recordHeaderSize;
  private final int nanosPerUnit;
  private final LengthOrder lengthOrder;
  private final int linkType;
  private final int snapLength;
  private final int capturedLengthLimit;

  /** Which of the two length fields comes first: files before version 2.3 swapped them. */
  private enum LengthOrder {
    CAPTURED_FIRST,
    ORIGINAL_FIRST,
    /** Version 2.3 files were written both ways; the captured length is the smaller one. */
    SMALLER_FIRST
  }

  private PcapDecoder(
      CaptureInput input, int magic, LengthOrder lengthOrder, int linkType, int snapLength) {
    this.input = input;
    this.format =
        magic == MAGIC_NANOSECONDS ? CaptureFormat.PCAP_NANOSECONDS : CaptureFormat.PCAP_MICROSECONDS;
    this.recordHeaderSize = magic == MAGIC_MODIFIED ? 24 : 16;
    this.nanosPerUnit = magic == MAGIC_NANOSECONDS ? 1 : 1000;
    this.lengthOrder = lengthOrder;
    this.linkType = linkType;
    this.snapLength = snapLength;
    this.capturedLengthLimit = CapturedLengthLimit.forLinkType(linkType);
  }

  /** True if {@code magic}, read little-endian, starts a classic pcap file in either byte order. */
  static boolean recognizes(int magic) {
    return isMagic(magic) || isMagic(Integer.reverseBytes(magic));
  }

  private static boolean isMagic(int magic) {
    return magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS || magic == MAGIC_MODIFIED;
  }

  /** Reads the file header; the input is at offset 0 and holds a recognized magic. */
  static PcapDecoder open(CaptureInput input) throws IOException {
    if (!input.request(FILE_HEADER_SIZE)) {
      throw input.corrupt(0, "truncated pcap file header");
    }
    int start = input.position();
    input.order(ByteOrder.LITTLE_ENDIAN);
    if (!isMagic(input.buffer().getInt(start))) {
      input.order(ByteOrder.BIG_ENDIAN);
    }
    ByteBuffer buffer = input.buffer();
    int magic = buffer.getInt(start);
    int major = Short.toUnsignedInt(buffer.getShort(start + 4));
    int minor = Short.toUnsignedInt(buffer.getShort(start + 6));
    int snapLength = buffer.getInt(start + 16);
    int linkType = buffer.getInt(start + 20) & LINKTYPE_MASK;
    LengthOrder lengthOrder;
    if (major == 2 && minor <= 4) {
      lengthOrder =
          minor < 3
              ? LengthOrder.ORIGINAL_FIRST
              : minor == 3 ? LengthOrder.SMALLER_FIRST : LengthOrder.CAPTURED_FIRST;
    } else if (major == 543 && minor == 0) {
      // DG/UX tcpdump
      lengthOrder = LengthOrder.ORIGINAL_FIRST;
    } else {
      throw input.corrupt(4, "unsupported pcap version " + major + "." + minor);
    }
    if (snapLength <= 0) {
      snapLength = CapturedLengthLimit.forLinkType(linkType);
    }
    if (magic == MAGIC_MODIFIED && linkType == LinkType.ETHERNET) {
      // libpcap's allowance for the modified format's cooked captures with a fake Ethernet header.
      snapLength += 14;
    }
    input.skip(FILE_HEADER_SIZE);
    return new PcapDecoder(input, magic, lengthOrder, linkType, snapLength);
  }

  @Override
  public CaptureFormat format() {
    return format;
  }

  @Override
  public boolean next(PacketView view) throws IOException {
    if (!input.request(recordHeaderSize)) {
      if (input.available() == 0) {
        input.throwIfCutShort();
        return false;
      }
      throw input.corrupt(input.offset(), "truncated record header");
    }
    ByteBuffer buffer = input.buffer();
    int start = input.position();
    int capturedLength = buffer.getInt(start + 8);
    int originalLength = buffer.getInt(start + 12);
    if (lengthOrder != LengthOrder.CAPTURED_FIRST
        && (lengthOrder == LengthOrder.ORIGINAL_FIRST
            || Integer.compareUnsigned(capturedLength, originalLength) > 0)) {
      int swap = capturedLength;
      capturedLength = originalLength;
      originalLength = swap;
    }
    if (Integer.compareUnsigned(capturedLength, capturedLengthLimit) > 0) {
      throw input.corrupt(
          input.offset(),
          "captured length "
              + Integer.toUnsignedString(capturedLength)
              + " exceeds the maximum of "
              + capturedLengthLimit);
    }
    int recordSize = recordHeaderSize + capturedLength;
    if (!input.request(recordSize)) {
      throw input.corrupt(
          input.offset(),
          "truncated record: needs " + recordSize + " bytes, only " + input.available() + " left");
    }
    buffer = input.buffer();
    start = input.position();
    long seconds = Integer.toUnsignedLong(buffer.getInt(start));
    long fraction = Integer.toUnsignedLong(buffer.getInt(start + 4));
    view.reset(
        buffer,
        start + recordHeaderSize,
        Math.min(capturedLength, snapLength),
        originalLength,
        seconds * 1_000_000_000L + fraction * nanosPerUnit,
        linkType,
        0);
    input.skip(recordSize);
    return true;
  }
}
