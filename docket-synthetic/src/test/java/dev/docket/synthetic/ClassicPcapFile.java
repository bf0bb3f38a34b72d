package dev.docket.synthetic;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The least pcap that tcpdump reads: little-endian, microsecond timestamps, Ethernet. Here only to
 * hand generated traffic to real tools; Docket's own writers live in {@code dev.docket.pcap}.
 */
final class ClassicPcapFile {
  private ClassicPcapFile() {}

  /** Writes every packet left in {@code stream} to {@code file}; returns the packet count. */
  static long write(PacketStream stream, Path file) throws IOException {
    long count = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
      header.putInt(65535).putInt(1); // snap length, LINKTYPE_ETHERNET
      out.write(header.array());
      ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      while (stream.next()) {
        PacketView packet = stream.packet();
        long nanos = packet.timestampNanos();
        record.clear();
        record.putInt((int) Math.floorDiv(nanos, 1_000_000_000L));
        record.putInt((int) (Math.floorMod(nanos, 1_000_000_000L) / 1000));
        record.putInt(packet.capturedLength()).putInt(packet.originalLength());
        out.write(record.array());
        out.write(packet.copyBytes());
        count++;
      }
    }
    return count;
  }
}
