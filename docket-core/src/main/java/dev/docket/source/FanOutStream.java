package dev.docket.source;

import com.google.common.collect.ImmutableList;
import dev.docket.merge.MergeStream;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The merged answer of several sources, in time order. A source that fails ends early without
 * failing the stream: what it sent before stays, and the failure is in {@link #outcomes()}.
 * Closing stops every source still answering.
 */
public final class FanOutStream implements PacketStream {
  /** How long closing waits for the readers: a source's close may wait on a socket or a disk. */
  private static final long READER_STOP_NANOS = 5_000_000_000L;

  private final ImmutableList<SourcePart> parts;
  private final ImmutableList<Thread> threads;
  /** The parts merged; null when there is one part, whose packets are the answer as they come. */
  private final @Nullable MergeStream merge;
  private final PacketStream answer;

  FanOutStream(ImmutableList<SourcePart> parts, ImmutableList<Thread> threads) {
    this.parts = parts;
    this.threads = threads;
    if (parts.size() == 1) {
      this.merge = null;
      this.answer = parts.get(0).packets();
    } else {
      MergeStream merged = new MergeStream(parts.stream().map(SourcePart::packets).collect(ImmutableList.toImmutableList()));
      this.merge = merged;
      this.answer = merged;
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  @Override
  public boolean next() throws IOException {
    return answer.next();
  }

  @Override
  public PacketView packet() {
    return answer.packet();
  }

  /** The current packet's interface: each source's interfaces (and each of its files') apart. */
  @Override
  public int interfaceId() {
    return answer.interfaceId();
  }

  /** The name of the source the current packet came from. */
  public String currentSource() {
    MergeStream merged = merge;
    return parts.get(merged == null ? 0 : merged.currentInput()).sourceName();
  }

  /**
   * How each source's part ended, in the order the sources were given; final once {@link #next()}
   * has returned false.
   */
  public List<SourceOutcome> outcomes() {
    return parts.stream().map(SourcePart::outcome).collect(Collectors.toUnmodifiableList());
  }

  /** The sources that failed, each a one-line message naming the source. */
  public List<SourceException> failures() {
    return parts.stream()
        .map(SourcePart::outcome)
        .flatMap(outcome -> outcome.failure().stream())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Stops every source still answering, without waiting for them: each reader closes its source's
   * stream on its own thread as soon as it wakes (a source read on the caller's thread is closed
   * here). Safe from any thread, while another reads; {@link #close()} then waits for the readers.
   */
  public void stop() throws IOException {
    parts.forEach(SourcePart::cancel);
    threads.forEach(Thread::interrupt);
    answer.close();
  }

  /**
   * Stops every source still answering and waits (a few seconds at most) for their threads to end,
   * so that a run's threads are released when it returns.
   */
  @Override
  public void close() throws IOException {
    stop();
    long deadline = System.nanoTime() + READER_STOP_NANOS;
    try {
      for (Thread thread : threads) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          thread.join(Math.max(1, left / 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
