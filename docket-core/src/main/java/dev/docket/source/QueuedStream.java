package dev.docket.source;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The merging thread's view of one {@link SourceReader}: its batches, packet by packet. */
final class QueuedStream implements PacketStream {
  private final SourceReader reader;
  private final PacketView packet = new PacketView();
  private @Nullable PacketBatch batch;
  private boolean ended;

  QueuedStream(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public boolean next() throws IOException {
    while (!ended) {
      if (batch != null) {
        if (batch.read(packet)) {
          return true;
        }
        // The view has moved past this batch's last packet: the batch can be refilled.
        reader.recycle(batch);
        batch = null;
      }
      Optional<PacketBatch> next = reader.take();
      if (next.isEmpty()) {
        ended = true;
      } else {
        batch = next.get();
      }
    }
    return false;
  }

  @Override
  public PacketView packet() {
    return packet;
  }

  @Override
  public void close() {}
}
