package dev.docket.job;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A watch on one job, from {@link JobService#watch}: its listener is told the job on the watcher's
 * executor, never on the service's own threads nor under its lock, so a slow listener slows no job.
 * Changes that come while the listener runs are coalesced into one call with the job as it then
 * stands; calls for one watch never overlap. Closing it stops the calls (one already running
 * finishes); it closes itself after telling the job's end or its removal.
 */
public final class JobWatch implements AutoCloseable {
  private final JobService service;
  private final String id;
  private final Executor executor;
  private final Consumer<Optional<Job>> listener;
  /** Signals not yet drained; the drain that takes it from 0 runs the deliveries (see {@link #signal}). */
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean closed;
  /** The version last told; only the draining thread touches it. */
  private long told = -1;

  JobWatch(JobService service, String id, Executor executor, Consumer<Optional<Job>> listener) {
    this.service = service;
    this.id = id;
    this.executor = executor;
    this.listener = listener;
  }

  /** The job has (or may have) changed; called under the service's lock, so it only schedules. */
  void signal() {
    if (closed || pending.getAndIncrement() != 0) {
      return;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException shutDown) {
      // The watcher's executor is gone, and with it whoever listened.
      close();
    }
  }

  private void drain() {
    int missed = 1;
    do {
      if (!closed) {
        tell();
      }
      missed = pending.addAndGet(-missed);
    } while (missed != 0);
  }

  private void tell() {
    Optional<Job> job = service.job(id);
    if (job.isEmpty()) {
      close();
      listener.accept(job);
      return;
    }
    if (job.get().version() <= told) {
      return;
    }
    told = job.get().version();
    if (job.get().state().hasEnded()) {
      close();
    }
    listener.accept(job);
  }

  /** Whether no more calls will come: closed, or the job's end or removal already told. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      service.unwatch(this);
    }
  }
}
