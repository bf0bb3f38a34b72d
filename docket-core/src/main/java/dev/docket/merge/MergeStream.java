package dev.docket.merge;

import com.google.common.collect.ImmutableList;
import com.google.common.io.Closer;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A k-way merge of packet streams by timestamp. Packets with equal timestamps keep their order: those
 * of an earlier input first, and within one input, the input's own order. Each input must already be
 * in time order for the output to be (captures almost always are; an input that steps back in time
 * still has all its packets merged, just not re-sorted).
 *
 * <p>The merge holds one packet per input — the one each input's view points at — so memory is
 * constant whatever the inputs' sizes. An input's failure propagates; wrap inputs whose damage should
 * be tolerated before merging them.
 */
public final class MergeStream implements PacketStream {
  private final ImmutableList<PacketStream> inputs;
  /** A binary min-heap of input indexes, ordered by (timestamp of the input's packet, index). */
  private final int[] heap;
  private final long[] timestamps;
  private final InterfaceNumbering interfaces;
  private int size;
  private int current = -1;
  private boolean started;

  public MergeStream(List<? extends PacketStream> inputs) {
    this.inputs = ImmutableList.copyOf(inputs);
    this.heap = new int[inputs.size()];
    this.timestamps = new long[inputs.size()];
    this.interfaces = new InterfaceNumbering(inputs.size());
  }

  @Override
  public boolean next() throws IOException {
    if (!started) {
      started = true;
      for (int input = 0; input < inputs.size(); input++) {
        if (advance(input)) {
          siftUp(size++, input);
        }
      }
    } else if (current >= 0) {
      // The current packet's input is the root: advanced, it sinks to its place, or, ended, gives the
      // root to the last leaf. One sift a packet, and none to speak of with a single input.
      if (advance(current)) {
        siftDown(current);
      } else if (--size > 0) {
        siftDown(heap[size]);
      }
    }
    current = size == 0 ? -1 : heap[0];
    return current >= 0;
  }

  /** Moves {@code input} on to its next packet, noting its time; false at its end. */
  private boolean advance(int input) throws IOException {
    PacketStream stream = inputs.get(input);
    if (!stream.next()) {
      return false;
    }
    timestamps[input] = stream.packet().timestampNanos();
    return true;
  }

  /** Puts {@code input} at heap slot {@code child} and moves it up to its place. */
  private void siftUp(int child, int input) {
    while (child > 0) {
      int parent = (child - 1) >>> 1;
      if (!before(input, heap[parent])) {
        break;
      }
      heap[child] = heap[parent];
      child = parent;
    }
    heap[child] = input;
  }

  /** Puts {@code input} at the root and moves it down to its place. */
  private void siftDown(int input) {
    int parent = 0;
    while (true) {
      int child = 2 * parent + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child])) {
        child++;
      }
      if (!before(heap[child], input)) {
        break;
      }
      heap[parent] = heap[child];
      parent = child;
    }
    heap[parent] = input;
  }

  private boolean before(int a, int b) {
    return timestamps[a] < timestamps[b] || (timestamps[a] == timestamps[b] && a < b);
  }

  @Override
  public PacketView packet() {
    if (current < 0) {
      throw new NoSuchElementException("no current packet: call next() first");
    }
    return inputs.get(current).packet();
  }

  /** The current packet's interface: each input's interfaces numbered apart from the others'. */
  @Override
  public int interfaceId() {
    int input = currentInput();
    return interfaces.id(input, inputs.get(input).interfaceId());
  }

  /** The index, in the list given to the constructor, of the input the current packet came from. */
  public int currentInput() {
    if (current < 0) {
      throw new NoSuchElementException("no current packet: call next() first");
    }
    return current;
  }

  /** Closes every input, even when closing one fails. */
  @Override
  public void close() throws IOException {
    Closer closer = Closer.create();
    inputs.forEach(closer::register);
    closer.close();
  }
}
