package dev.docket.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.IpAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * busiestHosts() names real hosts of the site in activity order: the first are in the most packets.
 */
class BusiestHostsTest {
  @TempDir Path directory;

  @Test
  void listsEveryHostOnceInsideTheSiteNetworks() {
    List<IpAddress> hosts = new SyntheticTraffic(TrafficSpec.ofPackets(5, 1)).busiestHosts();
    assertThat(hosts).hasSizeGreaterThan(200).doesNotHaveDuplicates();
    assertThat(hosts)
        .allMatch(host -> SyntheticTraffic.networks().stream().anyMatch(net -> net.contains(host)));
    assertThat(hosts).anyMatch(host -> host.version() == 6);
  }

  @Test
  void theBusiestHostsCarryMoreTrafficThanTheQuietest() throws IOException, InterruptedException {
    Tcpdump tcpdump = Tcpdump.require();
    Path capture = directory.resolve("busy.pcap");
    List<IpAddress> hosts;
    try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(11, 20_000))) {
      hosts = traffic.busiestHosts();
      ClassicPcapFile.write(traffic, capture);
    }
    long busiest = tcpdump.count(capture, anyOf(hosts.subList(0, 5)));
    long quietest = tcpdump.count(capture, anyOf(hosts.subList(hosts.size() - 100, hosts.size())));
    // Weights 1/(rank + 3): the top 5 weigh about three times the bottom 100.
    assertThat(busiest).isGreaterThan(2 * quietest);
    assertThat(tcpdump.count(capture, "host " + hosts.get(0))).isGreaterThan(1_000);
  }

  private static String anyOf(List<IpAddress> hosts) {
    return hosts.stream().map(host -> "host " + host).collect(Collectors.joining(" or "));
  }
}
