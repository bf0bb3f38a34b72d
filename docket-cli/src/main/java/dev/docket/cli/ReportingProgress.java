package dev.docket.cli;

import dev.docket.source.ScanCounters;
import dev.docket.source.ScanProgress;
import java.util.function.Consumer;

/**
 * Counts go to the run's counters, then to a display (which may read them back); warnings about
 * skipped or damaged units go to the run's problem list.
 */
final class ReportingProgress implements ScanProgress {
  private final ScanCounters counters;
  private final ScanProgress display;
  private final Consumer<String> problems;

  ReportingProgress(ScanCounters counters, ScanProgress display, Consumer<String> problems) {
    this.counters = counters;
    this.display = display;
    this.problems = problems;
  }

  @Override
  public void planned(int units, long bytes) {
    counters.planned(units, bytes);
    display.planned(units, bytes);
  }

  @Override
  public void read(long bytes) {
    counters.read(bytes);
    display.read(bytes);
  }

  @Override
  public void skipped(long bytes) {
    counters.skipped(bytes);
    display.skipped(bytes);
  }

  @Override
  public void matched(long packets) {
    counters.matched(packets);
    display.matched(packets);
  }

  @Override
  public void unitDone() {
    counters.unitDone();
    display.unitDone();
  }

  @Override
  public void warning(String message) {
    problems.accept(message);
  }
}
