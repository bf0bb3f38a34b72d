package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.LinkType;
import dev.docket.query.BpfSyntax;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.query.TimeWindow;
import dev.docket.testing.Corpus;
import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docket query --store} selects what tcpdump selects over the same files, on a store of many
 * small rotated files with windows that cut through them; and what {@code docket filter} selects over
 * every corpus file (which {@link FilterAgreesWithTcpdumpTest} holds to tcpdump).
 *
 * <p>Packets where Docket deliberately differs from BPF (tags, 802.3, IPv6 extension headers: see
 * {@link FilterAgreesWithTcpdumpTest}) are told apart by tcpdump and left out of the comparison.
 */
class QueryAgreesWithTcpdumpTest {
  private static final List<String> QUERIES =
      List.of(
          "host 10.1.9.106",
          "udp port 53",
          "tcp and not port 443",
          "src net 10.2.0.0/16 and dst port 80",
          "icmp or icmp6",
          "ip6 and after 2024-06-03T09:00:41.123457Z and before 2024-06-03T09:01:47Z",
          "after 2024-06-03T09:00:15Z and before 2024-06-03T09:00:15.5Z",
          "host 10.1.9.106 and after 2024-06-03T09:00:09.999999Z and before 2024-06-03T09:02:20.000001Z");

  @TempDir Path scratch;

  /** A packet as both tools write it: time and bytes. */
  private record Key(long timestampNanos, ByteBuffer bytes) {
    static Key of(CaptureFile.Packet packet) {
      return new Key(packet.timestampNanos(), ByteBuffer.wrap(packet.bytes()));
    }
  }

  private static int docket(StringWriter err, String... args) {
    return DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  @Test
  void selectsWhatTcpdumpSelectsOnAStoreOfManySmallRotatedFiles() throws Exception {
    Path tcpdump = ExternalTool.require("tcpdump", "tcpdump");
    Path store = scratch.resolve("store");
    StringWriter err = new StringWriter();
    assertThat(docket(err, "generate", "--packets", "40000", "--rate", "250", "--rotate", "10s", "-w", store.toString())).isZero();
    List<Path> files;
    try (Stream<Path> listed = Files.list(store)) {
      files = listed.sorted().collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThan(15);
    Set<Key> different = new HashSet<>();
    for (Path file : files) {
      tcpdumpSelects(tcpdump, file, FilterAgreesWithTcpdumpTest.differencesFilter(LinkType.ETHERNET)).forEach(different::add);
    }
    long compared = 0;
    for (String text : QUERIES) {
      Query query = new QueryParser(Clock.systemUTC()).parse(text);
      Path out = scratch.resolve("query.pcap");
      assertThat(docket(err, "query", "--store", store.toString(), "--nanoseconds", "-w", out.toString(), text)).as(text).isZero();
      List<Key> docket = CaptureFile.read(out).packets().stream().map(Key::of).filter(key -> !different.contains(key)).toList();

      TimeWindow window = TimeWindow.split(query).window();
      String bpf = BpfSyntax.print(query);
      List<Key> reference = new ArrayList<>();
      for (Path file : files) {
        for (Key key : tcpdumpSelects(tcpdump, file, bpf.isEmpty() ? "" : bpf)) {
          if (!different.contains(key) && window.contains(Instant.ofEpochSecond(0, key.timestampNanos()))) {
            reference.add(key);
          }
        }
      }
      assertThat(docket).as("%s (BPF '%s')", text, bpf).isNotEmpty().isEqualTo(reference);
      compared += docket.size();
    }
    assertThat(err.toString()).isEmpty();
    assertThat(compared).isGreaterThan(1_000);
  }

  private List<Key> tcpdumpSelects(Path tcpdump, Path file, String bpf) throws Exception {
    Path output = Files.createTempFile(scratch, "tcpdump", ".pcap");
    try {
      List<String> command = new ArrayList<>(List.of(tcpdump.toString(), "-O", "--time-stamp-precision=nano", "-r", file.toString(), "-w", output.toString()));
      if (!bpf.isEmpty()) {
        command.add(bpf);
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("tcpdump '%s' %s: %s", bpf, file, said).isZero();
      return CaptureFile.read(output).packets().stream().map(Key::of).toList();
    } finally {
      Files.deleteIfExists(output);
    }
  }

  @Test
  void selectsWhatFilterSelectsOverEveryCorpusFile() throws IOException {
    List<Path> captures = Corpus.captures();
    Path tcpdumpFolder = captures.get(0).getParent().getParent().resolve("tcpdump");
    Path zeekFolder = tcpdumpFolder.resolveSibling("zeek");
    Path state = scratch.resolve("state"); // the corpus is read-only: the catalogs go here
    for (String text : List.of("ip or not ip", "tcp port 80", "udp and not port 53", "ip6",
        "after 2009-01-01T00:00:00Z and before 2013-06-01T00:00:00Z", "host 192.168.1.1 or net 10.0.0.0/8")) {
      StringWriter queryErr = new StringWriter();
      Path fromStore = scratch.resolve("query.pcapng");
      int queried = docket(queryErr, "query", "--store", tcpdumpFolder.toString(), "--store", zeekFolder.toString(),
          "--state", state.toString(), "--format", "pcapng", "-w", fromStore.toString(), text);
      StringWriter filterErr = new StringWriter();
      Path fromFiles = scratch.resolve("filter.pcapng");
      List<String> filter = new ArrayList<>(List.of("filter", "--format", "pcapng", "-w", fromFiles.toString(), text));
      captures.forEach(file -> filter.add(file.toString()));
      int filtered = docket(filterErr, filter.toArray(String[]::new));

      assertThat(queried).as("%s: %s", text, queryErr).isEqualTo(filtered).isIn(0, 3);
      assertThat(sorted(fromStore)).as(text).isEqualTo(sorted(fromFiles));
      assertThat(lines(queryErr)).as(text).containsExactlyInAnyOrderElementsOf(lines(filterErr));
    }
  }

  /** The capture's packets by time, then bytes: the same set in the same order whatever the tie-breaks. */
  private static List<String> sorted(Path capture) throws IOException {
    return CaptureFile.read(capture).packets().stream()
        .sorted(Comparator.comparingLong(CaptureFile.Packet::timestampNanos)
            .thenComparing(packet -> ByteBuffer.wrap(packet.bytes())))
        .map(packet -> packet.timestampNanos() + " " + packet.linkType() + " " + java.util.HexFormat.of().formatHex(packet.bytes()))
        .toList();
  }

  private static List<String> lines(StringWriter err) {
    return err.toString().lines().toList();
  }
}
