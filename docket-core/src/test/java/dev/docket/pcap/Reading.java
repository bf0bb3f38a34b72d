package dev.docket.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a {@link CaptureReader} yields from one input: the packets, then the corruption that
 * stopped it, if any. Any other exception escapes, failing the test that reads.
 */
record Reading(List<PacketRecord> packets, Optional<CorruptCaptureException> failure) {
  static Reading of(Path file) throws IOException {
    List<PacketRecord> packets = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(file)) {
      return readAll(reader, packets);
    } catch (CorruptCaptureException e) {
      return new Reading(packets, Optional.of(e));
    }
  }

  static Reading of(InputStream stream, String name) throws IOException {
    List<PacketRecord> packets = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(stream, name)) {
      return readAll(reader, packets);
    } catch (CorruptCaptureException e) {
      return new Reading(packets, Optional.of(e));
    }
  }

  private static Reading readAll(CaptureReader reader, List<PacketRecord> packets)
      throws IOException {
    while (reader.next()) {
      packets.add(PacketRecord.of(reader.packet()));
    }
    return new Reading(packets, Optional.empty());
  }
}
