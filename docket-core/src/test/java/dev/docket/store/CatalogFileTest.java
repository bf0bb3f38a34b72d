package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSortedSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog file keeps every field exactly, whatever the names, and is rebuilt when unusable. */
class CatalogFileTest {
  @TempDir Path scratch;

  @Test
  void everyFieldSurvivesTheRoundTrip() throws IOException {
    List<CatalogEntry> entries =
        List.of(
            new CatalogEntry("sensor 1/dump\tweird\nname\\.pcap", FileKind.PCAP, 1_048_600, Instant.parse("2024-06-03T09:01:00.123456789Z"),
                1_048_000, 9_000, 1_717_405_200_000_012_000L, 1_717_405_259_999_999_999L, ImmutableSortedSet.of(1, 113),
                ReadStop.PARTIAL, "corrupt at byte 1048000: truncated record: needs 74 bytes, only 20 left"),
            new CatalogEntry("old.pcapng.gz", FileKind.GZIP, 5, Instant.EPOCH, 0, 0, 0, 0, ImmutableSortedSet.of(),
                ReadStop.DAMAGED, "corrupt at byte 0: bad gzip header"),
            CatalogEntry.withoutPackets("eve.json", FileKind.NOT_A_CAPTURE, 22, Instant.parse("2024-06-03T10:00:00Z"), ""));
    Path file = scratch.resolve(".docket-catalog");
    CatalogFile.write(file, entries);
    assertThat(CatalogFile.read(file)).contains(com.google.common.collect.ImmutableList.copyOf(entries));
    assertThat(Files.readAllLines(file)).hasSize(2 + entries.size()).allMatch(line -> line.split("\t", -1).length == 11 || line.startsWith("#"));
    try (var listing = Files.list(scratch)) {
      assertThat(listing).containsExactly(file); // no temporary left behind
    }
  }

  @Test
  void aMissingOtherVersionOrDamagedCatalogIsOneToRebuild() throws IOException {
    Path file = scratch.resolve(".docket-catalog");
    assertThat(CatalogFile.read(file)).isEmpty();
    Files.writeString(file, "# docket catalog 2\nwhatever\n");
    assertThat(CatalogFile.read(file)).isEmpty();
    Files.writeString(file, CatalogFile.HEADER + "\nonly\tthree\tfields\n");
    assertThat(CatalogFile.read(file)).isEmpty();
  }
}
