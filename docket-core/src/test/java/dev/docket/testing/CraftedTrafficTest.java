package dev.docket.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.filter.PacketFilter;
import dev.docket.query.QueryParser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The traffic the store and fan-out tests are built on holds what their queries ask for, in the
 * shares they count on, spread evenly in time, and the same seed gives it again.
 */
class CraftedTrafficTest {
  private static final Instant START = Instant.parse("2024-06-03T09:00:00Z");
  private static final int FRAMES = 20_000;

  @Test
  void theSameSeedGivesTheSameFramesAndTimesAndAnotherSeedOthers() {
    assertThat(frames(5, 1_000)).isEqualTo(frames(5, 1_000)).isNotEqualTo(frames(6, 1_000));
  }

  @Test
  void timesStartAtTheStartNeverDecreaseAndKeepTheMeanRate() {
    CraftedTraffic traffic = new CraftedTraffic(3, START, 40);
    long start = START.getEpochSecond() * 1_000_000_000L;
    long previous = start;
    for (int i = 0; i < FRAMES; i++) {
      traffic.next();
      long time = traffic.packet().timestampNanos();
      if (i == 0) {
        assertThat(time).isEqualTo(start);
      }
      assertThat(time).isGreaterThanOrEqualTo(previous);
      previous = time;
    }
    double seconds = (previous - start) / 1e9;
    assertThat(FRAMES / seconds).isBetween(38.0, 42.0);
  }

  @Test
  void holdsEveryKindOfFrameTheTestsQueryInTheSharesTheyCountOn() {
    assertThat(share("host " + CraftedTraffic.BUSY_HOST)).isBetween(0.15, 0.3);
    assertThat(share("host " + CraftedTraffic.QUIET_HOST)).isBetween(0.002, 0.01);
    for (String present :
        List.of("udp port 53", "tcp port 80", "tcp port 443", "tcp port 22", "icmp", "icmp6", "ip6 and udp port 53",
            "not ip and not ip6", "vlan 100", "vlan 200", "src net 10.2.0.0/16", "net 192.168.1.0/24",
            "net 198.51.100.0/24", "net 203.0.113.0/24",
            "udp and not port 53" /* fragments past the first: no ports */)) {
      assertThat(share(present)).as(present).isGreaterThan(0.005);
    }
  }

  @Test
  void framesAverageTheSizeOfRealTraffic() {
    CraftedTraffic traffic = new CraftedTraffic(9, START, 500);
    long bytes = 0;
    for (int i = 0; i < FRAMES; i++) {
      traffic.next();
      bytes += traffic.packet().capturedLength();
    }
    // LocalStoreTest's minute at 500 frames a second must pass 16 MiB: above 560 bytes a frame.
    assertThat(bytes / FRAMES).isBetween(600L, 750L);
  }

  private static double share(String query) {
    PacketFilter filter = PacketFilter.compile(new QueryParser(Clock.systemUTC()).parse(query));
    CraftedTraffic traffic = new CraftedTraffic(1, START, 10_000);
    int matched = 0;
    for (int i = 0; i < FRAMES; i++) {
      traffic.next();
      if (filter.matches(traffic.packet())) {
        matched++;
      }
    }
    return (double) matched / FRAMES;
  }

  private static List<String> frames(long seed, int count) {
    CraftedTraffic traffic = new CraftedTraffic(seed, START, 10_000);
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      traffic.next();
      frames.add(traffic.packet().timestampNanos() + ":" + java.util.HexFormat.of().formatHex(traffic.packet().copyBytes()));
    }
    return frames;
  }
}
