package dev.docket.cli;

import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * A server's job as a progress bar on standard error while {@code docket jobs} waits for it: bytes
 * its sources have read of those planned, its state and packets matched. Nothing when standard
 * error is not a terminal.
 */
final class JobProgressBar implements Consumer<RemoteJob>, AutoCloseable {
  private static final int MEBIBYTE = 1 << 20;

  private final @Nullable ProgressBar bar;

  private JobProgressBar(@Nullable ProgressBar bar) {
    this.bar = bar;
  }

  static JobProgressBar forStandardError(String task) {
    if (!Terminal.standardErrorIsTerminal()) {
      return new JobProgressBar(null);
    }
    return new JobProgressBar(new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(0)
        .setUnit(" MiB", MEBIBYTE)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .clearDisplayOnFinish()
        .build());
  }

  @Override
  public void accept(RemoteJob job) {
    if (bar != null) {
      bar.maxHint(Math.max(job.bytesPlanned(), job.bytesRead()));
      bar.stepTo(job.bytesRead());
      bar.setExtraMessage(" " + job.state().wireName() + ", " + job.packetsMatched() + " packets matched");
    }
  }

  /** For a download: {@code done} of {@code total} bytes (total unknown: -1). */
  void bytes(long done, long total) {
    if (bar != null) {
      bar.maxHint(total);
      bar.stepTo(done);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
