package dev.docket.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docket.filter.PacketFilter;
import dev.docket.packet.LinkType;
import dev.docket.pcap.CaptureReader;
import dev.docket.pcap.PcapWriter;
import dev.docket.query.IpAddress;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationExtractorTest {
  @TempDir Path scratch;

  @Test
  void writesOnlyMatchingPacketsFromEveryCaptureInTimeOrder() throws IOException {
    Path first = write("first.pcap", 1);
    Path second = write("second.pcap", 2);
    IpAddress busiest = new SyntheticTraffic(TrafficSpec.ofPackets(1, 1)).busiestHosts().get(0);
    Path output = scratch.resolve("conversation.pcapng");
    long written =
        ConversationExtractor.extract(new QueryParser(Clock.systemUTC()).parse("host " + busiest), List.of(first, second), output);
    assertThat(written).isPositive();

    long total = 0;
    long previous = Long.MIN_VALUE;
    try (CaptureReader reader = CaptureReader.open(output)) {
      while (reader.next()) {
        assertThat(reader.packet().timestampNanos()).isGreaterThanOrEqualTo(previous);
        previous = reader.packet().timestampNanos();
        boolean involvesHost =
            busiest.version() == 4
                ? reader.packet().ipv4Source() == (int) busiest.low() || reader.packet().ipv4Destination() == (int) busiest.low()
                : reader.packet().ipv6SourceLow() == busiest.low() || reader.packet().ipv6DestinationLow() == busiest.low();
        assertThat(involvesHost).isTrue();
        total++;
      }
    }
    assertThat(total).isEqualTo(written);
  }

  @Test
  void whenALaterCaptureCannotBeOpenedTheEarlierOnesAreClosed() throws IOException {
    Path first = write("first.pcap", 1);
    Path second = write("second.pcap", 2);
    Path missing = scratch.resolve("missing.pcap");
    Query query = new QueryParser(Clock.systemUTC()).parse("tcp");

    assertThatThrownBy(() -> ConversationExtractor.openAll(List.of(first, second, missing), PacketFilter.compile(query)))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.pcap");

    assertThat(OpenFiles.of(first)).as("descriptors open on %s", first).isZero();
    assertThat(OpenFiles.of(second)).as("descriptors open on %s", second).isZero();
  }

  @Test
  void theOpenFilesCheckSeesAnOpenCapture() throws IOException {
    Path first = write("first.pcap", 1);
    try (CaptureReader reader = CaptureReader.open(first)) {
      assertThat(OpenFiles.of(first)).isPositive();
    }
    assertThat(OpenFiles.of(first)).isZero();
  }

  private Path write(String name, long seed) throws IOException {
    Path file = scratch.resolve(name);
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(seed, 3_000));
        OutputStream out = Files.newOutputStream(file);
        PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET)) {
      while (traffic.next()) {
        writer.write(traffic.packet());
      }
    }
    return file;
  }
}
