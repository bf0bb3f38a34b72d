package dev.docket;

import dev.docket.packet.PacketView;
import java.io.IOException;

/** Receives a result's packets in time order, for callers that want packets rather than a file. */
@FunctionalInterface
public interface PacketConsumer {
  /**
   * Takes one packet of the result.
   *
   * @param packet valid only during this call: copy what must be kept
   * @param interfaceId the interface it was recorded on, numbered across the whole result, so that
   *     two sources' (or two files') interface 0 are two ids
   * @throws IOException to stop the run; it is thrown from {@link QueryRun#call()}
   */
  void accept(PacketView packet, int interfaceId) throws IOException;
}
