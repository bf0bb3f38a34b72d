package dev.docket.synthetic;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;

/**
 * The frames of some traffic no longer than a length (DNS, TCP handshakes and ACKs, ARP, pings):
 * a small-packet mix from the same conversations. The limits of the spec count what is kept, so
 * the traffic behind it runs on until they are reached.
 */
final class SmallFrames implements PacketStream {
  private final SyntheticTraffic traffic;
  private final int maxLength;
  private final long packetLimit;
  private final long byteBudget;
  private long kept;
  private long keptBytes;

  SmallFrames(TrafficSpec spec, int maxLength) {
    // The kept frames end the stream; the spec behind them needs a limit, which is never reached.
    this.traffic = new SyntheticTraffic(spec.withPacketLimit(TrafficSpec.UNLIMITED - 1).withByteBudget(TrafficSpec.UNLIMITED));
    this.maxLength = maxLength;
    this.packetLimit = spec.packetLimit();
    this.byteBudget = spec.byteBudget();
  }

  @Override
  public boolean next() throws IOException {
    while (kept < packetLimit && traffic.next()) {
      int length = traffic.packet().capturedLength();
      if (length > maxLength) {
        continue;
      }
      if (length > byteBudget - keptBytes) {
        return false;
      }
      kept++;
      keptBytes += length;
      return true;
    }
    return false;
  }

  @Override
  public PacketView packet() {
    return traffic.packet();
  }

  @Override
  public void close() {
    traffic.close();
  }
}
