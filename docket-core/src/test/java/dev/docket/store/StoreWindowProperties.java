package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.docket.query.And;
import dev.docket.query.Host;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.source.ScanCounters;
import dev.docket.store.StorePackets.Packet;
import dev.docket.testing.CraftedTraffic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Windows anywhere, to the nanosecond, cutting through files or landing exactly on a packet: the store
 * answers exactly the packets in [after, before) that match, and opens exactly the files whose
 * cataloged range overlaps the window.
 */
class StoreWindowProperties {
  private static final int MINUTES = 8;

  private static Path scratch;
  private static ImmutableList<Path> files;
  private static List<Packet> everything;
  /** Each file's first and last timestamp, read independently of the catalog. */
  private static List<long[]> ranges;
  private static LocalStore store;

  @BeforeContainer
  static void generate() throws IOException {
    scratch = Files.createTempDirectory("docket-store-windows");
    files = GeneratedStore.write(scratch.resolve("store"), 11, GeneratedStore.START.plusSeconds(17), MINUTES, 50);
    everything = StorePackets.expected(files, StorePackets.parse("ip or not ip"));
    ranges =
        files.stream()
            .map(file -> {
              try {
                List<Packet> packets = StorePackets.expected(List.of(file), StorePackets.parse("ip or not ip"));
                return new long[] {packets.get(0).timestampNanos(), packets.get(packets.size() - 1).timestampNanos()};
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
            .collect(Collectors.toList());
    // Small index blocks: windows then also cut through the blocks that the index skips or reads.
    store = new LocalStore(StoreOptions.of(scratch.resolve("store")).withIndexBlockBytes(16 << 10), LocalStore.daemonThreads());
  }

  @AfterContainer
  static void delete() throws IOException {
    MoreFiles.deleteRecursively(scratch, RecursiveDeleteOption.ALLOW_INSECURE);
  }

  /** An instant near the store's packets: often exactly a packet's time, or a nanosecond beside it. */
  @Provide
  Arbitrary<Long> instants() {
    long start = GeneratedStore.START.getEpochSecond() * 1_000_000_000L;
    Arbitrary<Long> anywhere = Arbitraries.longs().between(start - 30_000_000_000L, start + (MINUTES * 60 + 60) * 1_000_000_000L);
    Arbitrary<Long> atPacket =
        Combinators.combine(Arbitraries.integers().between(0, everything.size() - 1), Arbitraries.of(-1L, 0L, 1L))
            .as((index, nudge) -> everything.get(index).timestampNanos() + nudge);
    return Arbitraries.oneOf(anywhere, atPacket);
  }

  @Property(tries = 60)
  void aWindowSelectsExactlyItsPacketsAndOpensExactlyItsFiles(
      @ForAll("instants") long after, @ForAll("instants") long before, @ForAll boolean withHost) throws IOException {
    Query query = new And(TimeBound.after(instant(after)), TimeBound.before(instant(before)));
    if (withHost) {
      query = new And(query, Host.of(CraftedTraffic.CLIENTS.get(1).toString()));
    }
    ScanCounters counters = new ScanCounters();
    List<Packet> answer = StorePackets.query(store, query, counters);

    assertThat(answer).isEqualTo(StorePackets.expected(files, query));
    long overlapping = ranges.stream().filter(range -> range[1] >= after && range[0] < before).count();
    assertThat(counters.status().units()).isEqualTo(overlapping);
    assertThat(counters.status().bytesRead() + counters.status().bytesSkipped()).isEqualTo(counters.status().bytes());
    assertThat(counters.status().warnings()).isEmpty();
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
