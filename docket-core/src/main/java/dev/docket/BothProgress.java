package dev.docket;

import dev.docket.source.ScanProgress;

/** Tells two progresses the same: the run's own counts and the caller's display or job. */
final class BothProgress implements ScanProgress {
  private final ScanProgress first;
  private final ScanProgress second;

  BothProgress(ScanProgress first, ScanProgress second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void planned(int units, long bytes) {
    first.planned(units, bytes);
    second.planned(units, bytes);
  }

  @Override
  public void read(long bytes) {
    first.read(bytes);
    second.read(bytes);
  }

  @Override
  public void skipped(long bytes) {
    first.skipped(bytes);
    second.skipped(bytes);
  }

  @Override
  public void matched(long packets) {
    first.matched(packets);
    second.matched(packets);
  }

  @Override
  public void unitDone() {
    first.unitDone();
    second.unitDone();
  }

  @Override
  public void warning(String message) {
    first.warning(message);
    second.warning(message);
  }
}
