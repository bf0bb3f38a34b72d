package dev.docket.pcap;

import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.PacketStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A stream that ends, instead of failing, where its capture is damaged: every good packet before the
 * damage comes through, the damage goes to a listener (to be reported), and merging with other
 * inputs goes on. Other I/O failures still propagate: they are not the file's damage but the
 * machine's trouble.
 */
public final class DamageTolerantStream extends ForwardingPacketStream {
  private final Consumer<CorruptCaptureException> onDamage;
  private boolean ended;

  public DamageTolerantStream(PacketStream source, Consumer<CorruptCaptureException> onDamage) {
    super(source);
    this.onDamage = onDamage;
  }

  @Override
  public boolean next() throws IOException {
    if (ended) {
      return false;
    }
    try {
      if (source.next()) {
        return true;
      }
    } catch (CorruptCaptureException damage) {
      onDamage.accept(damage);
    }
    ended = true;
    return false;
  }
}
