package dev.docket.stenographer;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A packet as the tests compare them: timestamp and captured bytes. */
record PacketRecord(long timestampNanos, byte[] bytes) {
  static PacketRecord of(PacketView packet) {
    return new PacketRecord(packet.timestampNanos(), packet.copyBytes());
  }

  static List<PacketRecord> all(PacketStream stream) throws IOException {
    List<PacketRecord> records = new ArrayList<>();
    while (stream.next()) {
      records.add(of(stream.packet()));
    }
    return records;
  }

  static List<PacketRecord> read(Path capture) throws IOException {
    try (CaptureReader reader = CaptureReader.open(capture)) {
      return all(reader);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PacketRecord that && timestampNanos == that.timestampNanos && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestampNanos) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return timestampNanos + " (" + bytes.length + " bytes)";
  }
}
