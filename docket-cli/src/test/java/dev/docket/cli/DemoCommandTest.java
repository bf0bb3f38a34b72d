package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docket demo's refusals, each one line and exit 2: a port another program has, and a directory
 * another demo runs on. Its happy path, from a fresh clone, is DemoFromAFreshCloneIT.
 */
class DemoCommandTest {
  @TempDir Path directory;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int demo(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "demo";
    System.arraycopy(args, 0, command, 1, args.length);
    return DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true), command);
  }

  @Test
  void aPortInUseIsOneLineSayingSoAndHowToChooseAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit = demo("--port", String.valueOf(taken.getLocalPort()), "--dir", directory.toString());
      assertThat(exit).isEqualTo(ExitCodes.USAGE);
      assertThat(err.toString()).contains(
          "docket: 127.0.0.1:" + taken.getLocalPort() + " is in use by another program; give another --port N, or --port 0 for any free port");
      assertThat(err.toString()).doesNotContain("Exception", "\tat ");
      assertThat(out.toString()).doesNotContain("password:");
      // The store was made, and is kept for the next run.
      assertThat(Files.list(directory.resolve("store")).filter(file -> file.toString().endsWith(".pcap")).count()).isEqualTo(181);
    }
  }

  @Test
  void aDirectoryAnotherDemoRunsOnIsRefused() throws Exception {
    Files.createDirectories(directory);
    try (FileChannel file = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = file.lock()) {
      int exit = demo("--port", "0", "--dir", directory.toString());
      assertThat(exit).isEqualTo(ExitCodes.USAGE);
      assertThat(err.toString()).contains("docket: another docket demo is running on " + directory + "; stop it, or give this one its own --dir");
      assertThat(directory.resolve("store")).doesNotExist();
    }
  }

  @Test
  void helpSaysWhatItDoesWhereTheStoreIsKeptAndTheExitCodes() {
    assertThat(demo("--help")).isZero();
    assertThat(out.toString()).contains("~/.cache/docket/demo", "Ctrl-C", "--port", "--dir", "143");
  }
}
