package dev.docket.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.filter.QueryReader;
import dev.docket.packet.PacketView;
import dev.docket.query.Query;
import dev.docket.testing.CraftedTraffic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queries that mix {@code bpf "..."} with Docket's primitives and time windows, asked of a store
 * (its catalog, its block index and its own filter), give what {@code docket filter} gives over
 * the same files: the bpf part is never pruned by an index that knows nothing of it.
 */
class BpfThroughTheStoreTest {
  private static final String BUSY = CraftedTraffic.BUSY_HOST.toString();
  private static final QueryReader READER = new QueryReader(Clock.fixed(GeneratedStore.START.plusSeconds(3600), ZoneOffset.UTC));

  @TempDir static Path directory;
  private static ImmutableList<Path> files;

  @BeforeAll
  static void generate() throws Exception {
    files = GeneratedStore.write(directory.resolve("store"), 61, GeneratedStore.START, 4, 150);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "host %BUSY% and bpf \"tcp[tcpflags] & tcp-syn != 0\" and after 2024-06-03T09:01:00Z and before 2024-06-03T09:03:00Z",
      "bpf \"vlan and tcp\" or udp port 53",
      "not bpf \"arp\" and after 2024-06-03T09:02:30Z",
      "bpf \"greater 1000\" and net 10.1.0.0/16",
      "tcp[13] & 2 != 0",
      "bpf \"icmp[icmptype] == icmp-echo\" or bpf \"ip6 protochain 17\"",
      "bpf \"ip[6:2] & 0x1fff != 0\" and after 58m ago"
  })
  void theStoreAnswersAsDocketFilterDoes(String text) throws Exception {
    Query query = READER.read(text.replace("%BUSY%", BUSY));

    List<String> store = answer(new LocalStore(StoreOptions.of(directory.resolve("store")), LocalStore.daemonThreads()), query);
    List<String> filter = answer(CaptureFiles.of(files), query);

    assertThat(store).as(text).isEqualTo(filter).isNotEmpty();
  }

  private static List<String> answer(dev.docket.source.PacketSource source, Query query) throws Exception {
    List<String> packets = new ArrayList<>();
    QueryResult result =
        Docket.builder().source(source).build()
            .run(query, CaptureSink.toPackets((PacketView packet, int interfaceId) -> packets.add(packet.timestampNanos() + ":" + HexFormat.of().formatHex(packet.copyBytes()))));
    assertThat(result.status()).isEqualTo(QueryResult.Status.COMPLETE);
    return packets;
  }
}
