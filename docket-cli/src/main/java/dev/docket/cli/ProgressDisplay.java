package dev.docket.cli;

import dev.docket.source.ScanCounters;
import dev.docket.source.ScanProgress;
import dev.docket.source.ScanStatus;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * A progress bar on standard error while a query runs, when a person watches it there: bytes read out
 * of those planned, files done, packets matched. Nothing at all when standard error is not a
 * terminal (a script, a pipe, a log file). It keeps its own {@link ScanCounters} for the files and
 * packets it shows.
 */
final class ProgressDisplay implements ScanProgress, AutoCloseable {
  private static final int MEBIBYTE = 1 << 20;

  private final @Nullable ProgressBar bar;
  private final ScanCounters counters = new ScanCounters();

  private ProgressDisplay(@Nullable ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar when standard error is a terminal, and nothing otherwise. */
  static ProgressDisplay forStandardError() {
    if (!Terminal.standardErrorIsTerminal()) {
      return new ProgressDisplay(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("query")
            .setInitialMax(0)
            .setUnit(" MiB", MEBIBYTE)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .showSpeed()
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .clearDisplayOnFinish()
            .build();
    return new ProgressDisplay(bar);
  }

  @Override
  public void planned(int units, long bytes) {
    counters.planned(units, bytes);
    if (bar != null) {
      bar.maxHint(Math.max(bar.getMax(), 0) + bytes);
      describe();
    }
  }

  @Override
  public void read(long bytes) {
    counters.read(bytes);
    if (bar != null) {
      bar.stepBy(bytes);
    }
  }

  @Override
  public void skipped(long bytes) {
    read(bytes); // done, as far as the bar is concerned
  }

  @Override
  public void matched(long packets) {
    counters.matched(packets); // shown with the next file done
  }

  @Override
  public void unitDone() {
    counters.unitDone();
    describe();
  }

  private void describe() {
    if (bar != null) {
      ScanStatus now = counters.status();
      bar.setExtraMessage(" files " + now.unitsDone() + "/" + now.units() + ", " + now.matched() + " packets matched");
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
