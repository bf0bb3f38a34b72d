package dev.docket.pcap;

import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What tcpdump (libpcap) reads of a capture, rewritten by {@code tcpdump -r IN -w OUT} as a
 * classic pcap: the reference our reader is held to. Its packets are those libpcap read before any
 * error, which {@link #error()} reports.
 *
 * @param error tcpdump's complaint on stderr, or "" when it read the whole input
 */
record TcpdumpCopy(Path copy, int exitCode, String error) {
  /**
   * @param precision the copy's timestamp unit; the input's own for a classic pcap, so that tcpdump
   *     passes out-of-range fractions through instead of overflowing them while scaling
   */
  static TcpdumpCopy of(Path input, Path copy, TimestampPrecision precision)
      throws IOException, InterruptedException {
    Path tcpdump = ExternalTool.require("tcpdump", "tcpdump");
    Process process =
        new ProcessBuilder(
                tcpdump.toString(),
                "--time-stamp-precision="
                    + (precision == TimestampPrecision.NANOSECONDS ? "nano" : "micro"),
                "-r",
                input.toString(),
                "-w",
                copy.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("tcpdump hung on " + input);
    }
    String error =
        stderr
            .lines()
            .filter(line -> !line.startsWith("reading from file"))
            .filter(line -> !line.startsWith("Warning: interface names might be incorrect"))
            .collect(Collectors.joining("; "));
    return new TcpdumpCopy(copy, process.exitValue(), error);
  }

  boolean readWholeInput() {
    return exitCode == 0 && error.isEmpty();
  }

  /** tcpdump could not even start reading (not a capture, or a bad header): no copy was written. */
  boolean refused() {
    return exitCode != 0 && !copy.toFile().exists();
  }

  List<PacketRecord> packets() throws IOException {
    Reading reading = Reading.of(copy);
    if (reading.failure().isPresent()) {
      throw new IOException("tcpdump's own copy is unreadable", reading.failure().get());
    }
    return reading.packets();
  }
}
