package dev.docket.web;

import dev.docket.pcap.RotatingPcapWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A generated store of one-minute capture files, as tcpdump -G 60 leaves them. */
final class TestStore {
  static final Instant START = Instant.parse("2024-06-03T09:00:00Z");
  /** A query that matches a good part of every store written here. */
  static final String QUERY = "tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:02:30Z";

  private TestStore() {}

  static Path write(Path directory, long seed, int minutes, double packetsPerSecond) throws IOException {
    Files.createDirectories(directory);
    long endNanos = START.plus(Duration.ofMinutes(minutes)).getEpochSecond() * 1_000_000_000L;
    try (CraftedTraffic traffic = new CraftedTraffic(seed, START, packetsPerSecond);
        RotatingPcapWriter writer = new RotatingPcapWriter(directory, "dump-", Duration.ofMinutes(1), TimestampPrecision.MICROSECONDS)) {
      while (traffic.next() && traffic.packet().timestampNanos() < endNanos) {
        writer.write(traffic.packet());
      }
    }
    return directory;
  }

  /** The store as {@code docket query --store DIR} opens it. */
  static LocalStore open(String name, Path directory) {
    return new LocalStore(new StoreOptions(name, List.of(directory), Optional.empty(), 2));
  }
}
