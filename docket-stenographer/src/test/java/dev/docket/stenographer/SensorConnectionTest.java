package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.PacketStream;
import dev.docket.plan.QueryPlanner;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.ScanProgress;
import dev.docket.stenographer.StenographerTestBed.TestBed;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A source's queries, one after another, share one TLS connection to the sensor: a handshake with
 * client certificates costs the server 15–20 ms of CPU and waiting a query. (HttpClient marks a
 * connection with the client certificate's principal once used, and leased it only to requests
 * naming that principal: every query opened a new one, and idle ones piled up at the sensor.)
 */
@ExtendWith(StenographerTestBed.class)
class SensorConnectionTest {
  private static final Query SMB = new QueryParser(Clock.systemUTC()).parse("host 10.0.0.11 and port 445");

  @Test
  void queriesOneAfterAnotherShareOneConnection(TestBed bed) throws Exception {
    int port = StenographerTestBed.TestBed.port(2);
    long before = established(port);
    try (StenographerSource sensor = StenographerSource.create(bed.sensor(2))) {
      List<Integer> packets = new ArrayList<>();
      for (int query = 0; query < 6; query++) {
        try (PacketStream answer = sensor.open(QueryPlanner.plan(SMB, sensor.features()), ScanProgress.NONE)) {
          packets.add(PacketRecord.all(answer).size());
        }
      }
      assertThat(packets).hasSize(6).allMatch(count -> count > 0 && count.equals(packets.get(0)));
      assertThat(established(port) - before).isEqualTo(1);
    }
  }

  /**
   * Connections of this machine (its network namespace) established to the test bed's sensor on
   * {@code port}, from the kernel's table: the test bed's sensors listen only in their own namespace,
   * so these are the tests' own.
   */
  private static long established(int port) throws IOException {
    String address = hex(InetAddress.getByName(StenographerTestBed.TestBed.HOST).getAddress());
    String remote4 = address + ":" + String.format(Locale.ROOT, "%04X", port);
    // IPv4-mapped in the IPv6 table: ::ffff:a.b.c.d.
    String remote6 = "0000000000000000FFFF0000" + address + ":" + String.format(Locale.ROOT, "%04X", port);
    long count = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3 && fields[3].equals("01") && (fields[2].equals(remote4) || fields[2].equals(remote6))) {
          count++;
        }
      }
    }
    return count;
  }

  /** An IPv4 address as /proc/net/tcp writes it: the 32-bit word in this (little-endian) machine's order. */
  private static String hex(byte[] address) {
    byte[] reversed = {address[3], address[2], address[1], address[0]};
    return String.format(Locale.ROOT, "%08X", new BigInteger(1, reversed));
  }
}
