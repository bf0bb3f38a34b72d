package dev.docket.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-built pcapng bytes, for the block kinds and damage no writer of ours produces. */
final class PcapngBlocks {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

  PcapngBlocks section(ByteOrder sectionOrder) {
    order = sectionOrder;
    return block(0x0a0d0d0a, buffer(16).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1));
  }

  /** An interface; {@code tsresol} < 0 leaves the option out (microseconds). */
  PcapngBlocks interfaceDescription(int linkType, int snapLength, int tsresol, long tsoffset) {
    ByteBuffer body = buffer(32).putShort((short) linkType).putShort((short) 0).putInt(snapLength);
    if (tsresol >= 0) {
      body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
    }
    if (tsoffset != 0) {
      body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
    }
    body.putInt(0);
    return block(1, body);
  }

  PcapngBlocks enhancedPacket(int interfaceId, long units, int originalLength, byte[] data) {
    ByteBuffer body = buffer(20 + padded(data.length));
    body.putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units);
    body.putInt(data.length).putInt(originalLength).put(data);
    return block(6, body.position(body.capacity()));
  }

  PcapngBlocks obsoletePacket(int interfaceId, long units, byte[] data) {
    ByteBuffer body = buffer(20 + padded(data.length));
    body.putShort((short) interfaceId).putShort((short) 0);
    body.putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(data.length).put(data);
    return block(2, body.position(body.capacity()));
  }

  PcapngBlocks simplePacket(int originalLength, byte[] data) {
    ByteBuffer body = buffer(4 + padded(data.length)).putInt(originalLength).put(data);
    return block(3, body.position(body.capacity()));
  }

  PcapngBlocks unknown(int type, int bodyLength) {
    return block(type, buffer(bodyLength).position(bodyLength));
  }

  /** Raw bytes, for damage. */
  PcapngBlocks raw(byte... raw) {
    bytes.writeBytes(raw);
    return this;
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }

  private ByteBuffer buffer(int capacity) {
    return ByteBuffer.allocate(capacity).order(order);
  }

  private PcapngBlocks block(int type, ByteBuffer body) {
    int length = 12 + body.position();
    ByteBuffer block = buffer(length).putInt(type).putInt(length);
    block.put(body.array(), 0, body.position()).putInt(length);
    bytes.writeBytes(block.array());
    return this;
  }
}
