package dev.docket.source;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.plan.QueryPlan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One source's side of a fan-out, run on its own thread: opens the source, keeps what the plan's
 * residual filter matches (counting it for the progress), and hands the packets over in batches
 * through a small bounded queue, so a source never gets more than a few batches ahead of the merge.
 * Whatever goes wrong ends this source only: the failure is kept, in the source's name, for the
 * outcome.
 */
final class SourceReader extends SourcePart implements Runnable {
  /** Batches a reader may fill ahead of the merge: enough to ride out a slow moment, and small. */
  private static final int QUEUED_BATCHES = 4;
  /** Filled ahead, plus the one being filled and the one being merged. */
  private static final int MAX_BATCHES = QUEUED_BATCHES + 2;

  private final BlockingQueue<PacketBatch> filled = new ArrayBlockingQueue<>(QUEUED_BATCHES + 1);
  private final BlockingQueue<PacketBatch> free = new ArrayBlockingQueue<>(MAX_BATCHES);
  private final QueuedStream queued = new QueuedStream(this);
  /** Marks the end of this source's batches; its own instance, so that it is never recycled. */
  private final PacketBatch end = PacketBatch.marker();
  private int allocated;
  /** The batch being filled; the empty end marker until the first is taken. */
  private PacketBatch batch = end;

  SourceReader(PacketSource source, QueryPlan plan, ResultLimit limit, ScanProgress progress) {
    super(source, plan, limit, progress);
  }

  @Override
  PacketStream packets() {
    return queued;
  }

  @Override
  public void run() {
    try {
      PacketStream open = open();
      batch = emptyBatch();
      // Cancelled while opening: the stream was not there to close, and the loop ends at once.
      while (!isCancelled() && open.next()) {
        add(open.packet(), open.interfaceId());
        counted();
      }
    } catch (InterruptedException | IOException | RuntimeException e) {
      failed(e);
    } finally {
      reportMatched();
      closeStream();
      finish();
    }
  }

  private void add(PacketView packet, int interfaceId) throws InterruptedException {
    if (batch.add(packet, interfaceId)) {
      return;
    }
    if (!batch.isEmpty()) {
      filled.put(batch);
      batch = emptyBatch();
    }
    if (PacketBatch.fitsAny(packet)) {
      batch.add(packet, interfaceId);
    } else {
      PacketBatch oversized = PacketBatch.forOversized(packet);
      oversized.add(packet, interfaceId);
      filled.put(oversized);
    }
  }

  /** Hands over what was read before the end (or a failure: the packets before it are good), then the end. */
  private void finish() {
    try {
      if (!isCancelled()) {
        if (!batch.isEmpty()) {
          filled.put(batch);
        }
        filled.put(end);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Cancelled (or interrupted): the batches are not wanted, but the merge may still be reading
    // and the queue may be full. Drop them, so that the end always fits and a merge waiting in
    // take() sees it rather than waiting for ever.
    filled.clear();
    filled.offer(end);
  }

  private PacketBatch emptyBatch() throws InterruptedException {
    PacketBatch batch = free.poll();
    if (batch == null) {
      if (allocated < MAX_BATCHES) {
        allocated++;
        return PacketBatch.create();
      }
      batch = free.take();
    }
    batch.clear();
    return batch;
  }

  /** The next filled batch, or empty at this source's end; blocks until the reader has one. */
  Optional<PacketBatch> take() throws InterruptedIOException {
    try {
      PacketBatch batch = filled.take();
      return batch == end ? Optional.empty() : Optional.of(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + sourceName());
    }
  }

  /** Gives a merged batch back for refilling. */
  void recycle(PacketBatch batch) {
    if (batch.isNormalSize()) {
      free.offer(batch);
    }
  }

}
