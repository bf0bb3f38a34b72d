package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.Corpus;
import dev.docket.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cut anywhere, a capture still yields every packet before the cut — exactly the packets tcpdump
 * reads from the same cut file — and then a {@link CorruptCaptureException}, unless the cut fell on
 * a record boundary.
 */
class TruncatedCapturesKeepEveryGoodPacketTest {
  private static final int SAMPLED_CAPTURES = 150;
  private static final int CUTS_PER_CAPTURE = 2;

  @TempDir Path temp;

  @Test
  void cutCapturesYieldWhatTcpdumpYields() throws Exception {
    ExternalTool.require("tcpdump", "tcpdump");
    Random random = new Random(20261127);
    List<Path> captures = new ArrayList<>(Corpus.captures());
    Collections.shuffle(captures, random);
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (Path capture : captures.subList(0, SAMPLED_CAPTURES)) {
      byte[] bytes = Files.readAllBytes(capture);
      for (int cut = 0; cut < CUTS_PER_CAPTURE; cut++) {
        int length = random.nextInt(bytes.length + 1);
        Path truncated = temp.resolve("cut-" + compared + ".pcap");
        Files.write(truncated, Arrays.copyOf(bytes, length));
        String disagreement = compare(truncated, temp.resolve("copy-" + compared + ".pcap"));
        if (!disagreement.isEmpty()) {
          disagreements.add(capture + " cut to " + length + " bytes: " + disagreement);
        }
        compared++;
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static String compare(Path truncated, Path copy) throws Exception {
    TcpdumpCopy reference = TcpdumpCopy.of(truncated, copy, TimestampPrecision.NANOSECONDS);
    Reading ours = Reading.of(truncated);
    if (reference.refused()) {
      return ours.failure().isPresent() && ours.packets().isEmpty()
          ? ""
          : "tcpdump refused it (" + reference.error() + "), we read " + ours.packets().size();
    }
    List<PacketRecord> expected = reference.packets();
    if (ours.packets().size() != expected.size()) {
      return "tcpdump read " + expected.size() + " packets (" + reference.error() + "), we read "
          + ours.packets().size() + ours.failure().map(e -> " then " + e.getMessage()).orElse("");
    }
    if (reference.readWholeInput() == ours.failure().isPresent()) {
      return "tcpdump said '" + reference.error() + "', we said "
          + ours.failure().map(Throwable::getMessage).orElse("nothing");
    }
    return "";
  }
}
