package dev.docket.pcap;

import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;

/** A packet copied out of a reader, comparable by value. */
record PacketRecord(
    long timestampNanos,
    int capturedLength,
    int originalLength,
    int linkType,
    int interfaceIndex,
    ByteBuffer bytes) {
  static PacketRecord of(PacketView view) {
    return new PacketRecord(
        view.timestampNanos(),
        view.capturedLength(),
        view.originalLength(),
        view.linkType(),
        view.interfaceIndex(),
        ByteBuffer.wrap(view.copyBytes()));
  }

  PacketRecord withTimestamp(long nanos) {
    return new PacketRecord(nanos, capturedLength, originalLength, linkType, interfaceIndex, bytes);
  }

  /** The same packet as a file that cannot say which interface it came from would hold it. */
  PacketRecord withoutInterface() {
    return new PacketRecord(timestampNanos, capturedLength, originalLength, linkType, 0, bytes);
  }
}
