package dev.docket.source;

import com.google.common.collect.ImmutableList;
import dev.docket.merge.MergeStream;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;

/**
 * The merged answer of several sources, in time order. A source that fails ends early without
 * failing the stream: what it sent before stays, and the failure is in {@link #outcomes()}.
 * Closing stops every source still answering.
 */
public final class FanOutStream implements PacketStream {
  private final ImmutableList<SourceReader> readers;
  private final ImmutableList<Thread> threads;
  private final MergeStream merge;

  FanOutStream(ImmutableList<SourceReader> readers, ImmutableList<Thread> threads) {
    this.readers = readers;
    this.threads = threads;
    this.merge = new MergeStream(readers.stream().map(QueuedStream::new).collect(ImmutableList.toImmutableList()));
  }

  void start() {
    threads.forEach(Thread::start);
  }

  @Override
  public boolean next() throws IOException {
    return merge.next();
  }

  @Override
  public PacketView packet() {
    return merge.packet();
  }

  /** The name of the source the current packet came from. */
  public String currentSource() {
    return readers.get(merge.currentInput()).sourceName();
  }

  /**
   * How each source's part ended, in the order the sources were given; final once {@link #next()}
   * has returned false.
   */
  public ImmutableList<SourceOutcome> outcomes() {
    return readers.stream().map(SourceReader::outcome).collect(ImmutableList.toImmutableList());
  }

  /** The sources that failed, each a one-line message naming the source. */
  public ImmutableList<SourceException> failures() {
    return readers.stream()
        .map(SourceReader::outcome)
        .flatMap(outcome -> outcome.failure().stream())
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Stops every source still answering. It does not wait for them: each reader closes its source's
   * stream on its own thread as soon as it wakes.
   */
  @Override
  public void close() throws IOException {
    for (int i = 0; i < readers.size(); i++) {
      readers.get(i).cancel();
      threads.get(i).interrupt();
    }
    merge.close();
  }
}
