package dev.docket.cli;

import com.google.common.io.MoreFiles;
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
    // A store of the one capture, for the query command's classes: the catalog's and the scan's.
    Path store = Files.createDirectory(directory.resolve("store"));
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Clock clock = Clock.systemUTC();
    try {
      DocketCommand.execute(clock, quiet, quiet, "generate", "--packets", "2000", "-w", capture.toString());
      Files.copy(capture, store.resolve("training.pcap"));
      DocketCommand.execute(
          clock, quiet, quiet, "filter", "-w", result.toString(), "host 10.1.0.10 and tcp port 443", capture.toString());
      DocketCommand.execute(clock, quiet, quiet, "merge", "-w", result.toString(), capture.toString(), capture.toString());
      DocketCommand.execute(clock, quiet, quiet, "parse", "net 10.0.0.0/8 and not port 22");
      DocketCommand.execute(
          clock, quiet, quiet, "query", "--store", store.toString(), "-w", result.toString(),
          "host 10.1.0.10 and tcp port 443");
    } finally {
      MoreFiles.deleteRecursively(directory);
    }
  }
}
