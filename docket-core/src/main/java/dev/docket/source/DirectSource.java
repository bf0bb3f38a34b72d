package dev.docket.source;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.plan.QueryPlan;
import java.io.IOException;

/**
 * A fan-out's only source, read on the merging thread itself. With nothing to merge, a thread of
 * its own and a queue of batches would only copy every packet once more and hand it across cores
 * (for a Stenographer answer: a fifth of a query's CPU besides compilation). It ends like a
 * threaded source: what came before a failure stays, and the failure is in the outcome, not thrown.
 */
final class DirectSource extends SourcePart implements PacketStream {
  private boolean ended;

  DirectSource(PacketSource source, QueryPlan plan, ResultLimit limit, ScanProgress progress) {
    super(source, plan, limit, progress);
  }

  @Override
  PacketStream packets() {
    return this;
  }

  @Override
  public boolean next() {
    if (ended) {
      return false;
    }
    try {
      PacketStream open = stream();
      if (open == null) {
        if (isCancelled()) {
          ended = true; // closed before it began: nothing to open
          return false;
        }
        open = open(); // by the merging thread's first next()
      }
      if (!isCancelled() && open.next()) {
        counted();
        return true;
      }
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
    ended = true;
    reportMatched();
    closeStream();
    return false;
  }

  @Override
  public PacketView packet() {
    PacketStream open = stream();
    if (open == null) {
      throw new IllegalStateException("no current packet: call next() first");
    }
    return open.packet();
  }

  @Override
  public int interfaceId() {
    PacketStream open = stream();
    if (open == null) {
      throw new IllegalStateException("no current packet: call next() first");
    }
    return open.interfaceId();
  }

  /** Stops the source: closes its stream, from whichever thread, which ends a read blocked in it. */
  @Override
  public void close() {
    cancel();
  }
}
