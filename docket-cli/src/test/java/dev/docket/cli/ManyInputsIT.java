package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 capture files merged and filtered by the packaged jar under the open-file limit most
 * systems set (1,024) and the launcher's heap, and merged under a far lower limit (48): the same
 * packets as mergecap and tcpdump. The files come in ten rounds of a thousand that overlap in
 * time, so each round is more than Docket keeps open at once.
 */
class ManyInputsIT {
  private static final int FILES = 10_000;
  private static final int ROUND = 1_000;
  private static final int PACKETS_PER_FILE = 3;

  @TempDir static Path scratch;
  private static final List<String> names = new ArrayList<>();

  private record Run(int exit, String err) {}

  @BeforeAll
  static void writeFiles() throws IOException, InterruptedException {
    names.addAll(ManyInputFiles.write(scratch, FILES, ROUND, PACKETS_PER_FILE));
    List<String> mergecap = new ArrayList<>(List.of(ExternalTool.require("mergecap", "wireshark-common").toString(), "-F", "pcap", "-w", "mergecap.pcap"));
    mergecap.addAll(names);
    assertThat(run(mergecap).exit()).isZero();
  }

  @Test
  void mergesTenThousandFilesAsMergecapDoesWithinTheOpenFileLimit() throws Exception {
    Run docket = docketWithin1024Files("merge", "-w", "docket.pcap");
    assertThat(docket.err()).isEmpty();
    assertThat(docket.exit()).isZero();
    String expected = tcpdump("mergecap.pcap");
    assertThat(expected.lines().filter(line -> !line.startsWith("\t")).count()).isEqualTo((long) FILES * PACKETS_PER_FILE);
    assertThat(tcpdump("docket.pcap")).isEqualTo(expected);
  }

  /**
   * A limit far below the 512 files Docket would keep open: the system refuses to open more, and
   * Docket parks files until it does, instead of ending the merge with part of the packets.
   */
  @Test
  void mergesTheSameUnderALimitFarBelowItsOwn() throws Exception {
    Run docket = docketWithin(48, "merge", "-w", "docket-48.pcap");
    assertThat(docket.err()).isEmpty();
    assertThat(docket.exit()).isZero();
    assertThat(tcpdump("docket-48.pcap")).isEqualTo(tcpdump("mergecap.pcap"));
  }

  @Test
  void filtersTenThousandFilesAsTcpdumpDoesWithinTheOpenFileLimit() throws Exception {
    Run docket = docketWithin1024Files("filter", "-w", "net.pcap", "net 10.1.0.0/16");
    assertThat(docket.err()).isEmpty();
    assertThat(docket.exit()).isZero();

    String bpf = docketOutput("parse", "--bpf", "net 10.1.0.0/16").strip();
    String expected = tcpdump("mergecap.pcap", bpf);
    assertThat(expected).isNotEmpty();
    assertThat(tcpdump("net.pcap")).isEqualTo(expected);
  }

  /** The jar with {@code arguments} then every file, as the launcher runs it, under {@code ulimit -n 1024}. */
  private static Run docketWithin1024Files(String... arguments) throws IOException, InterruptedException {
    return docketWithin(1024, arguments);
  }

  /** The jar with {@code arguments} then every file, as the launcher runs it, under {@code ulimit -n files}. */
  private static Run docketWithin(int files, String... arguments) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of(System.getProperty("docket.jar", "target/docket.jar")).toAbsolutePath().toString();
    List<String> command =
        new ArrayList<>(List.of("bash", "-c", "ulimit -n " + files + " && exec \"$0\" -Xmx256m -jar \"$@\"", java, jar));
    command.addAll(List.of(arguments));
    command.addAll(names);
    return run(command);
  }

  private static String docketOutput(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of(System.getProperty("docket.jar", "target/docket.jar")).toAbsolutePath().toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isZero();
    return out;
  }

  /** Every record of {@code file} as tcpdump prints it, times and bytes included. */
  private static String tcpdump(String file, String... filter) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(ExternalTool.require("tcpdump", "tcpdump").toString(), "-r", file, "-nn", "-tt", "-xx"));
    command.addAll(List.of(filter));
    Path out = scratch.resolve("tcpdump.txt");
    Process process =
        new ProcessBuilder(command).directory(scratch.toFile()).redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Path err = scratch.resolve("err.txt");
    Process process =
        new ProcessBuilder(command).directory(scratch.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile()).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }
}
