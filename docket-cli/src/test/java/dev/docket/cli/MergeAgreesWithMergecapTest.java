package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.Multiset;
import com.google.common.collect.Multisets;
import dev.docket.pcap.PcapWriter;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import dev.docket.testing.Corpus;
import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docket merge} against {@code mergecap -F pcap -w}: the same packets, in time order. */
class MergeAgreesWithMergecapTest {
  @TempDir Path scratch;

  @Test
  void mergesInterleavedSyntheticCapturesAsMergecapDoes() throws Exception {
    List<Path> inputs = new ArrayList<>();
    for (int seed = 1; seed <= 4; seed++) {
      Path file = scratch.resolve("tap" + seed + ".pcap");
      // Different rates over the same start: the inputs interleave packet by packet.
      TrafficSpec spec = TrafficSpec.ofPackets(seed, 5_000).withMeanGap(Duration.ofNanos(50_000L * seed));
      try (SyntheticTraffic traffic = new SyntheticTraffic(spec);
          OutputStream out = Files.newOutputStream(file);
          PcapWriter writer = PcapWriter.create(out, dev.docket.packet.LinkType.ETHERNET)) {
        while (traffic.next()) {
          writer.write(traffic.packet());
        }
      }
      inputs.add(file);
    }
    assertMergesLikeMergecap(inputs);
  }

  @Test
  void mergesGroupsOfCorpusCapturesAsMergecapDoes() throws Exception {
    // Zeek's real traffic, Ethernet, grouped a few at a time (mergecap refuses mixed link types in
    // pcap). tcpdump's folder holds deliberately malformed records that libpcap, which Docket
    // follows, and mergecap's wiretap read differently: a record longer than the snapshot length is
    // cut to it by libpcap and kept whole by wiretap.
    List<Path> ethernet = new ArrayList<>();
    for (Path file : Corpus.captures()) {
      if (!file.getParent().getFileName().toString().equals("zeek")) {
        continue;
      }
      CaptureFile capture = CaptureFile.read(file);
      if (!capture.damaged() && !capture.packets().isEmpty() && inTimeOrder(capture)
          && capture.packets().stream().allMatch(packet -> packet.linkType() == 1)) {
        ethernet.add(file);
      }
    }
    assertThat(ethernet).hasSizeGreaterThan(300);
    Collections.shuffle(ethernet, new Random(7));
    for (int group = 0; group < 25; group++) {
      assertMergesLikeMergecap(ethernet.subList(group * 4, group * 4 + 2 + group % 3));
    }
  }

  /** A merge keeps each input's own order, so only inputs already in time order merge into one. */
  private static boolean inTimeOrder(CaptureFile capture) {
    for (int i = 1; i < capture.packets().size(); i++) {
      if (capture.packets().get(i).timestampNanos() < capture.packets().get(i - 1).timestampNanos()) {
        return false;
      }
    }
    return true;
  }

  private void assertMergesLikeMergecap(List<Path> inputs) throws Exception {
    Path output = Files.createTempFile(scratch, "docket", ".pcap");
    Path theirs = Files.createTempFile(scratch, "mergecap", ".pcap");
    List<String> arguments = new ArrayList<>(List.of("merge", "-w", output.toString()));
    inputs.forEach(input -> arguments.add(input.toString()));
    StringWriter err = new StringWriter();
    int exit = DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err),
        arguments.toArray(String[]::new));
    assertThat(exit).as("docket merge %s: %s", inputs, err).isZero();

    List<String> mergecap = new ArrayList<>(List.of(ExternalTool.require("mergecap", "wireshark-common").toString(), "-F", "pcap", "-w", theirs.toString()));
    inputs.forEach(input -> mergecap.add(input.toString()));
    Process process = new ProcessBuilder(mergecap).redirectErrorStream(true).start();
    String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("mergecap %s: %s", inputs, said).isZero();

    List<CaptureFile.Packet> merged = CaptureFile.read(output).packets();
    for (int i = 1; i < merged.size(); i++) {
      assertThat(merged.get(i).timestampNanos())
          .as("packet %d of the merge of %s", i, inputs)
          .isGreaterThanOrEqualTo(merged.get(i - 1).timestampNanos());
    }
    Multiset<String> ours = microsecondMultiset(merged);
    Multiset<String> reference = microsecondMultiset(CaptureFile.read(theirs).packets());
    assertThat(Multisets.difference(ours, reference)).as("in docket's merge of %s only", inputs).isEmpty();
    assertThat(Multisets.difference(reference, ours)).as("in mergecap's merge of %s only", inputs).isEmpty();
  }

  /** Packets as microsecond times and bytes: classic pcap from mergecap keeps microseconds. */
  private static Multiset<String> microsecondMultiset(List<CaptureFile.Packet> packets) {
    Multiset<String> multiset = HashMultiset.create();
    for (CaptureFile.Packet packet : packets) {
      multiset.add(Math.floorDiv(packet.timestampNanos(), 1000) + ":" + java.util.HexFormat.of().formatHex(packet.bytes()));
    }
    return multiset;
  }
}
