package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.Corpus;
import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On every corpus capture, our reader yields exactly the packets tcpdump reads — same count, same
 * timestamps to the nanosecond, same lengths, link type and bytes, in order — and where tcpdump
 * stops at an error, at least those packets first.
 *
 * <p>One allowance: a pcapng timestamp after 2106 does not fit the 32-bit seconds of tcpdump's pcap
 * copy, which wraps it; there the copy cannot be the reference for time.
 */
class CaptureReaderAgreesWithTcpdumpTest {
  private static final long PCAP_TIME_LIMIT_NANOS = (1L << 32) * 1_000_000_000L;

  @TempDir Path temp;

  @Test
  void everyCorpusCaptureReadsAsTcpdumpReadsIt() throws Exception {
    ExternalTool.require("tcpdump", "tcpdump");
    List<Path> captures = Corpus.captures();
    List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < captures.size(); i++) {
        Path capture = captures.get(i);
        Path copy = temp.resolve(i + ".pcap");
        runs.add(pool.submit(() -> {
          String disagreement = compare(capture, copy);
          if (!disagreement.isEmpty()) {
            disagreements.add(capture + ": " + disagreement);
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(captures).hasSizeGreaterThan(1000);
    assertThat(disagreements).isEmpty();
  }

  private static TimestampPrecision nativePrecision(Path capture) throws IOException {
    try (CaptureReader reader = CaptureReader.open(capture)) {
      return reader.format() == CaptureFormat.PCAP_MICROSECONDS
          ? TimestampPrecision.MICROSECONDS
          : TimestampPrecision.NANOSECONDS;
    } catch (CorruptCaptureException e) {
      return TimestampPrecision.NANOSECONDS;
    }
  }

  /** Why our reading of {@code capture} differs from tcpdump's, or "" when it does not. */
  private static String compare(Path capture, Path copy) throws Exception {
    TcpdumpCopy reference = TcpdumpCopy.of(capture, copy, nativePrecision(capture));
    Reading ours = Reading.of(capture);
    if (reference.refused()) {
      return ours.failure().isPresent() ? "" : "tcpdump refused it (" + reference.error() + "), we did not";
    }
    List<PacketRecord> expected = reference.packets();
    List<PacketRecord> actual = ours.packets();
    if (reference.readWholeInput() && ours.failure().isPresent()) {
      return "tcpdump read " + expected.size() + " packets cleanly, we stopped after "
          + actual.size() + ": " + ours.failure().get().getMessage();
    }
    if (reference.readWholeInput() ? actual.size() != expected.size() : actual.size() < expected.size()) {
      return "tcpdump read " + expected.size() + " packets (" + reference.error() + "), we read "
          + actual.size();
    }
    for (int i = 0; i < expected.size(); i++) {
      PacketRecord mine = actual.get(i).withoutInterface();
      PacketRecord theirs = expected.get(i);
      if (mine.timestampNanos() >= PCAP_TIME_LIMIT_NANOS) {
        theirs = theirs.withTimestamp(mine.timestampNanos());
      }
      if (!mine.equals(theirs)) {
        return "packet " + i + " differs: tcpdump " + expected.get(i) + ", ours " + mine;
      }
    }
    return "";
  }
}
