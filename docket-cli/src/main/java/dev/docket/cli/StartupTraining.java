package dev.docket.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A run of the common commands on a tiny capture, for the {@code docket} launcher to record which
 * classes they load into a class-data archive (AppCDS) after each build: later runs then load them
 * ready-parsed, and start faster.
 */
final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    Path directory = Files.createTempDirectory("docket-training");
    Path capture = directory.resolve("training.pcap");
    Path result = directory.resolve("result.pcap");
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Clock clock = Clock.systemUTC();
    try {
      DocketCommand.execute(clock, quiet, quiet, "generate", "--packets", "2000", "-w", capture.toString());
      DocketCommand.execute(
          clock, quiet, quiet, "filter", "-w", result.toString(), "host 10.1.0.10 and tcp port 443", capture.toString());
      DocketCommand.execute(clock, quiet, quiet, "merge", "-w", result.toString(), capture.toString(), capture.toString());
      DocketCommand.execute(clock, quiet, quiet, "parse", "net 10.0.0.0/8 and not port 22");
    } finally {
      Files.deleteIfExists(capture);
      Files.deleteIfExists(result);
      Files.deleteIfExists(directory);
    }
  }
}
