package dev.docket.pcap;

import dev.docket.packet.PacketView;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/** Writes packets to a capture file as they come, never holding the file in memory. */
public interface CaptureWriter extends Flushable, Closeable {
  /**
   * Appends a packet: its record fields and captured bytes.
   *
   * @throws IllegalArgumentException if the format cannot hold the packet (the message says why)
   */
  void write(PacketView packet) throws IOException;
}
