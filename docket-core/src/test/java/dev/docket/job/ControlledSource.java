package dev.docket.job;

import dev.docket.packet.ForwardingPacketStream;
import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceEstimate;
import dev.docket.source.SourceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real source (a generated store) that a test can make fail on command, or hold: a held answer
 * waits before its first packet until the test lets one answer through, or until it is closed (how
 * a job is cancelled). It notes the native query of each answer it starts, and counts the answers
 * open at once. Not a mock: the packets are the store's.
 */
final class ControlledSource implements PacketSource {
  private final String name;
  private final PacketSource real;
  private volatile Optional<String> failure = Optional.empty();
  private volatile boolean held;
  private volatile boolean estimates = true;
  private final Semaphore passes = new Semaphore(0);
  final List<String> asked = new CopyOnWriteArrayList<>();
  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger mostOpen = new AtomicInteger();

  ControlledSource(String name, PacketSource real) {
    this.name = name;
    this.real = real;
  }

  /** From now on every answer fails at once with {@code message}; empty answers again. */
  void failWith(Optional<String> message) {
    failure = message;
  }

  /** From now on every answer waits for {@link #pass()} before its first packet. */
  void hold() {
    held = true;
    passes.drainPermits(); // a release() before leaves permits that would let the next answers through
  }

  /** Lets one held answer (the next to wait, or one waiting) through. */
  void pass() {
    passes.release();
  }

  /** From now on it cannot estimate a query's cost, as a sensor cannot. */
  void stopEstimating() {
    estimates = false;
  }

  /** Lets every answer through, now and from now on. */
  void release() {
    held = false;
    passes.release(1000);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<QueryFeature> features() {
    return real.features();
  }

  @Override
  public SourceEstimate estimate(QueryPlan plan) throws SourceException {
    if (!estimates) {
      return SourceEstimate.unknown(name);
    }
    SourceEstimate estimate = real.estimate(plan);
    return new SourceEstimate(name, estimate.files(), estimate.bytes(), estimate.packetsAtMost());
  }

  @Override
  public PacketStream open(QueryPlan plan, ScanProgress progress) throws SourceException {
    asked.add(plan.nativeQuery().map(dev.docket.query.QuerySyntax::print).orElse(""));
    Optional<String> failing = failure;
    if (failing.isPresent()) {
      throw new SourceException(name, failing.get());
    }
    PacketStream answer = real.open(plan, progress);
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    boolean waits = held;
    return new ForwardingPacketStream(answer) {
      private final java.util.concurrent.atomic.AtomicBoolean shut = new java.util.concurrent.atomic.AtomicBoolean();
      private volatile boolean closed;
      private boolean started;

      @Override
      public boolean next() throws IOException {
        if (!started) {
          started = true;
          while (waits && !closed) {
            try {
              if (passes.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                break;
              }
            } catch (InterruptedException interrupted) {
              throw new InterruptedIOException("interrupted while held");
            }
          }
        }
        return !closed && source.next();
      }

      @Override
      public void close() throws IOException {
        closed = true;
        if (shut.compareAndSet(false, true)) {
          open.decrementAndGet();
        }
        super.close();
      }
    };
  }
}
