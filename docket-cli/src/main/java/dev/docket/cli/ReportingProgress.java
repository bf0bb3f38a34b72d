package dev.docket.cli;

import dev.docket.source.ScanProgress;
import java.util.function.Consumer;

/** Counts go to a display; warnings about skipped or damaged units go to the run's problem list. */
final class ReportingProgress implements ScanProgress {
  private final ScanProgress display;
  private final Consumer<String> problems;

  ReportingProgress(ScanProgress display, Consumer<String> problems) {
    this.display = display;
    this.problems = problems;
  }

  @Override
  public void planned(int units, long bytes) {
    display.planned(units, bytes);
  }

  @Override
  public void read(long bytes) {
    display.read(bytes);
  }

  @Override
  public void matched(long packets) {
    display.matched(packets);
  }

  @Override
  public void unitDone() {
    display.unitDone();
  }

  @Override
  public void warning(String message) {
    problems.accept(message);
  }
}
