package dev.docket.source;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ScanProgress} that keeps the counts, for whoever polls them: a progress bar, a job's
 * status, a test asserting which files a query opened. Sums over every source it is given to.
 */
public final class ScanCounters implements ScanProgress {
  private final AtomicInteger units = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger unitsDone = new AtomicInteger();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong bytesSkipped = new AtomicLong();
  private final AtomicLong matched = new AtomicLong();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  @Override
  public void planned(int units, long bytes) {
    this.units.addAndGet(units);
    this.bytes.addAndGet(bytes);
  }

  @Override
  public void read(long bytes) {
    bytesRead.addAndGet(bytes);
  }

  @Override
  public void skipped(long bytes) {
    bytesSkipped.addAndGet(bytes);
  }

  @Override
  public void matched(long packets) {
    matched.addAndGet(packets);
  }

  @Override
  public void unitDone() {
    unitsDone.incrementAndGet();
  }

  @Override
  public void warning(String message) {
    warnings.add(message);
  }

  /** The counts now; each is exact, though not all taken at one instant. */
  public ScanStatus status() {
    return new ScanStatus(
        unitsDone.get(), units.get(), bytesRead.get(), bytesSkipped.get(), bytes.get(), matched.get(), ImmutableList.copyOf(warnings));
  }
}
