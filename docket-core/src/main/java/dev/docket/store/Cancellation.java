package dev.docket.store;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether a scan was closed: every worker step and waiting taker of the scan looks here. */
final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  boolean isCancelled() {
    return cancelled.get();
  }

  /** Cancels; true only for the first call. */
  boolean cancel() {
    return cancelled.compareAndSet(false, true);
  }
}
