package dev.docket.bench;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.docket.packet.LinkType;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapWriter;
import dev.docket.query.IpAddress;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The synthetic captures the benchmarks read: written once per trial, deleted after it. */
final class BenchCaptures {
  /** Where the captures go: {@code -Ddocket.bench.dir=DIR} on the benchmark JVM, else java.io.tmpdir. */
  static final String DIRECTORY_PROPERTY = "docket.bench.dir";

  private BenchCaptures() {}

  /** A new empty directory for one trial's captures. */
  static Path createDirectory() throws IOException {
    Path parent = Path.of(System.getProperty(DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, "docket-jmh-");
  }

  static void delete(Path directory) throws IOException {
    MoreFiles.deleteRecursively(directory, RecursiveDeleteOption.ALLOW_INSECURE);
  }

  /**
   * Writes a microsecond pcap of the synthetic traffic of {@code seed} (the CLI's {@code generate}),
   * stopping before the captured bytes pass {@code capturedBytes}.
   */
  static void write(Path file, long seed, long capturedBytes) throws IOException {
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofBytes(seed, capturedBytes));
        PcapWriter writer =
            PcapWriter.create(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), LinkType.ETHERNET)) {
      while (traffic.next()) {
        writer.write(traffic.packet());
      }
    }
  }

  /** The busiest IPv4 host of the traffic of {@code seed}: a typical incident query's target. */
  static IpAddress busiestIpv4Host(long seed) {
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(seed, 0))) {
      return traffic.busiestHosts().stream()
          .filter(address -> address.version() == 4)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no IPv4 host for seed " + seed));
    }
  }

  /** How many packets a capture holds. */
  static long countPackets(Path file) throws IOException {
    long packets = 0;
    try (CaptureReader reader = CaptureReader.open(file)) {
      while (reader.next()) {
        packets++;
      }
    }
    return packets;
  }
}
