package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docket query --store DIR} as an analyst meets it: the same capture as {@code docket filter}
 * over every file of the directory, the same exit codes, one line per damaged or vanished file, and
 * nothing else on standard error when it is not a terminal.
 */
class QueryCommandTest {
  @TempDir Path scratch;
  private StringWriter err = new StringWriter();
  private Path store;

  @BeforeEach
  void generateAStore() {
    store = scratch.resolve("store");
    assertThat(docket("generate", "--packets", "30000", "--rate", "80", "--rotate", "60s", "-w", store.toString())).isZero();
    err = new StringWriter();
  }

  private int docket(String... args) {
    return DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(store)) {
      return files.filter(file -> !file.getFileName().toString().startsWith(".")).map(Path::toString).sorted().toList();
    }
  }

  @Test
  void writesWhatFilterWritesOverEveryFileOfTheStore() throws IOException {
    assertThat(files()).hasSize(7);
    for (String query : List.of(
        "host 10.1.9.106",
        "udp port 53 or icmp",
        "after 2024-06-03T09:01:30.5Z and before 2024-06-03T09:03:00.000001Z and tcp",
        "not ip")) {
      Path fromStore = scratch.resolve("query.pcap");
      Path fromFiles = scratch.resolve("filter.pcap");
      assertThat(docket("query", "--store", store.toString(), "-w", fromStore.toString(), query)).as(query).isZero();
      List<String> filter = new ArrayList<>(List.of("filter", "-w", fromFiles.toString(), query));
      filter.addAll(files());
      assertThat(docket(filter.toArray(String[]::new))).isZero();
      assertThat(Files.readAllBytes(fromStore)).as(query).isEqualTo(Files.readAllBytes(fromFiles));
      assertThat(CaptureFile.read(fromStore).packets()).as(query).isNotEmpty();
      assertThat(err.toString()).as("no progress bar when standard error is not a terminal").isEmpty();
    }
  }

  @Test
  void theQueryMayBeSeveralWordsAndGoToStandardOutputAsPcapng() throws IOException {
    Path out = scratch.resolve("out.pcapng");
    assertThat(docket("query", "--store", store.toString(), "--format", "pcapng", "-w", out.toString(), "tcp", "port", "443")).isZero();
    assertThat(CaptureFile.read(out).packets()).isNotEmpty();
  }

  @Test
  void aDamagedFileIsReportedOnOneLineAndTheRestReturnedWithExitThree() throws IOException {
    Path damaged = Path.of(files().get(2));
    byte[] whole = Files.readAllBytes(damaged);
    Files.write(damaged, Arrays.copyOf(whole, whole.length - 9));
    // Older than the files after it: not the file a writer is still writing, so its cut is damage.
    Files.setLastModifiedTime(damaged, FileTime.from(Instant.parse("2024-06-04T00:00:00Z")));
    Path fromStore = scratch.resolve("query.pcap");
    Path fromFiles = scratch.resolve("filter.pcap");

    assertThat(docket("query", "--store", store.toString(), "-w", fromStore.toString(), "tcp")).isEqualTo(3);
    assertThat(err.toString()).matches(damaged + ": corrupt at byte \\d+: truncated record.*\\R");
    err = new StringWriter();
    List<String> filter = new ArrayList<>(List.of("filter", "-w", fromFiles.toString(), "tcp"));
    filter.addAll(files());
    assertThat(docket(filter.toArray(String[]::new))).isEqualTo(3);
    assertThat(Files.readAllBytes(fromStore)).isEqualTo(Files.readAllBytes(fromFiles));
  }

  @Test
  void aBadQueryIsAUsageError() {
    assertThat(docket("query", "--store", store.toString(), "host 10.0.0.300")).isEqualTo(2);
    assertThat(err.toString()).startsWith("docket: ").doesNotContain("Exception");
  }

  @Test
  void aMissingStoreFailsWithOneLineNamingIt() {
    Path out = scratch.resolve("out.pcap");
    Path missing = scratch.resolve("nowhere");
    assertThat(docket("query", "--store", missing.toString(), "-w", out.toString(), "tcp")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("docket: store: " + missing + ": no such directory" + System.lineSeparator());
    assertThat(out).doesNotExist();
  }

  @Test
  void theCatalogGoesToTheStateDirectoryWhenGivenOne() throws IOException {
    Path state = scratch.resolve("state");
    Path out = scratch.resolve("out.pcap");
    assertThat(docket("query", "--store", store.toString(), "--state", state.toString(), "-w", out.toString(), "tcp")).isZero();
    assertThat(store.resolve(".docket-catalog")).doesNotExist();
    assertThat(store.resolve(".docket-catalog.index")).doesNotExist();
    try (Stream<Path> catalogs = Files.list(state)) {
      assertThat(catalogs.map(file -> file.getFileName().toString()))
          .hasSize(2)
          .anyMatch(name -> name.endsWith(".docket-catalog"))
          .anyMatch(name -> name.endsWith(".docket-catalog.index"));
    }
  }

  @Test
  void aStoreIsRequired() {
    assertThat(docket("query", "tcp")).isEqualTo(2);
    assertThat(err.toString()).contains("--store");
  }
}
