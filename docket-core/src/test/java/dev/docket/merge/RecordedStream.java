package dev.docket.merge;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;
import java.util.List;

/** A packet stream over records held in memory, for tests of what consumes streams. */
final class RecordedStream implements PacketStream {
  /** One packet: its timestamp, its bytes, and a label naming where it came from. */
  record Recorded(long timestampNanos, byte[] bytes, String label) {}

  private final List<Recorded> records;
  private final PacketView view = new PacketView();
  private int next;
  boolean closed;

  RecordedStream(List<Recorded> records) {
    this.records = records;
  }

  @Override
  public boolean next() {
    if (next >= records.size()) {
      return false;
    }
    Recorded record = records.get(next++);
    view.reset(ByteBuffer.wrap(record.bytes()), 0, record.bytes().length, record.bytes().length,
        record.timestampNanos(), LinkType.ETHERNET, 0);
    return true;
  }

  @Override
  public PacketView packet() {
    return view;
  }

  /** The record the view points at now. */
  Recorded current() {
    return records.get(next - 1);
  }

  @Override
  public void close() {
    closed = true;
  }
}
