package dev.docket.pcap;

import dev.docket.packet.PacketView;
import java.io.IOException;

/** Decodes one capture format's records from a {@link CaptureInput}, in place. */
interface RecordDecoder {
  /** Points {@code view} at the next packet; false at a clean end. */
  boolean next(PacketView view) throws IOException;

  CaptureFormat format();
}
