package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import dev.docket.query.And;
import dev.docket.query.BpfSyntax;
import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpAddress;
import dev.docket.query.IpVersion;
import dev.docket.query.Mpls;
import dev.docket.query.Net;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.QuerySyntax;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import dev.docket.testing.Corpus;
import dev.docket.testing.ExternalTool;
import dev.docket.testing.QueryTrees;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;

/**
 * {@code docket filter} against tcpdump on the real corpus: for every capture whose link type Docket
 * decodes, queries generated over the addresses, ports and protocols in that capture select exactly
 * the packets tcpdump selects with the query's BPF form, within the query's time window.
 *
 * <p>Where Docket's semantics deliberately differ from BPF, the packets are named and counted, not
 * compared; each class is told apart by tcpdump itself, not by Docket's decoder:
 *
 * <ul>
 *   <li>tagged frames (802.1Q, 802.1ad, MPLS): Docket looks through the tags, BPF does not;
 *   <li>802.3 length frames (LLC/SNAP): Docket decodes SNAP-encapsulated IP, BPF only Ethernet II;
 *   <li>IPv6 packets whose first next-header is an extension header: Docket follows the chain to the
 *       upper protocol and its ports, BPF reads only the fixed header;
 *   <li>IP headers whose version nibble disagrees with the ethertype, or IPv4 with IHL &lt; 5: not IP
 *       to Docket, read at fixed offsets by BPF;
 *   <li>IP headers cut short (fewer than 20 or 40 bytes captured): not IP to Docket, which needs the
 *       whole fixed header, while BPF's {@code ip}/{@code ip6} read only the link layer's type;
 *   <li>packets where BPF gives up: its program read past the captured bytes, so tcpdump rejects the
 *       packet for the filter and for its negation alike (Docket's {@code not port 80} matches a
 *       packet cut before its ports).
 * </ul>
 */
class FilterAgreesWithTcpdumpTest {
  private static final Set<Integer> DECODED =
      Set.of(LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.IPV4,
          LinkType.IPV6, LinkType.NULL, LinkType.LOOP);
  private static final int QUERIES_PER_FILE = 2;
  private static final String IP_DIFFERENCES =
      "(ip and (ip[0] & 0xf0 != 0x40 or ip[0] & 0xf < 5)) or (ip6 and (ip6[0] & 0xf0 != 0x60 or ip6[6] = 0 "
          + "or ip6[6] = 43 or ip6[6] = 44 or ip6[6] = 60 or ip6[6] = 51 or ip6[6] = 135))";

  private Path scratch;

  private Path tcpdump;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<String> skipped = Collections.synchronizedList(new ArrayList<>());

  // A jqwik example, so that the query arbitraries can generate; the comparisons then run on 2 threads.
  @Example
  void selectsWhatTcpdumpSelectsOnEveryDecodedCorpusCapture() throws Exception {
    tcpdump = ExternalTool.require("tcpdump", "tcpdump");
    long seed = Long.getLong("docket.test.seed", System.nanoTime());
    System.err.println("FilterAgreesWithTcpdumpTest seed " + seed + " (rerun with -Ddocket.test.seed=" + seed + ")");
    scratch = Files.createTempDirectory("docket-differential");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (Path file : Corpus.captures()) {
        Random random = new Random(seed ^ file.getFileName().toString().hashCode());
        Comparison comparison = plan(file, random);
        if (comparison != null) {
          runs.add(pool.submit(() -> {
            comparison.run();
            return null;
          }));
        }
      }
      for (Future<?> run : runs) {
        run.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      MoreFiles.deleteRecursively(scratch, RecursiveDeleteOption.ALLOW_INSECURE);
    }
    System.err.println("FilterAgreesWithTcpdumpTest: " + new java.util.TreeMap<>(counts));
    System.err.println("FilterAgreesWithTcpdumpTest: files not compared: " + skipped.size() + " " + skipped.subList(0, Math.min(20, skipped.size())));
    // Enough was compared for agreement to mean something.
    assertThat(counts.get("files compared").get()).isGreaterThan(1_000);
    assertThat(counts.get("decisions compared").get()).isGreaterThan(100_000);
    assertThat(counts.get("packets both selected").get()).isGreaterThan(10_000);
    assertThat(counts.get("packets both rejected").get()).isGreaterThan(10_000);
  }

  /** One capture and the queries to compare on it. */
  private interface Comparison {
    void run() throws Exception;
  }

  /** Reads {@code file} and generates its queries (on the jqwik thread); null when not comparable. */
  private Comparison plan(Path file, Random random) throws IOException {
    CaptureFile capture = CaptureFile.read(file);
    Set<Integer> linkTypes = new TreeSet<>();
    capture.packets().forEach(packet -> linkTypes.add(packet.linkType()));
    if (capture.packets().isEmpty() || linkTypes.size() != 1 || !DECODED.containsAll(linkTypes)) {
      skipped.add(file.getFileName() + " (link types " + linkTypes + ")");
      return null;
    }
    int linkType = linkTypes.iterator().next();
    Arbitrary<Query> arbitrary = Values.of(capture).queries(linkType == LinkType.ETHERNET);
    List<Query> queries = new ArrayList<>();
    for (int q = 0; q < QUERIES_PER_FILE; q++) {
      Query query = arbitrary.generator(100).next(random).value();
      queries.add(random.nextBoolean() ? withWindowCuttingThrough(query, capture, random) : query);
    }
    return () -> {
      boolean[] different = tcpdumpSelects(file, differencesFilter(linkType), capture);
      boolean[] ip = tcpdumpSelects(file, "ip or ip6", capture);
      // A load past the captured bytes rejects the packet: this selects whole fixed headers only.
      boolean[] wholeIpHeader = tcpdumpSelects(file, "(ip and ip[19] >= 0) or (ip6 and ip6[39] >= 0)", capture);
      if (different == null || ip == null || wholeIpHeader == null) {
        skipped.add(file.getFileName() + " (tcpdump cannot read it)");
        return;
      }
      for (int i = 0; i < different.length; i++) {
        different[i] |= ip[i] && !wholeIpHeader[i];
      }
      count("files compared", 1);
      for (Query query : queries) {
        compareQuery(file, capture, query, different);
      }
    };
  }

  private void compareQuery(Path file, CaptureFile capture, Query query, boolean[] different) throws Exception {
    String text = QuerySyntax.print(query);
    Path output = Files.createTempFile(scratch, "docket", ".pcapng");
    StringWriter err = new StringWriter();
    int exit = DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err),
        "filter", "-w", output.toString(), "--format", "pcapng", text, file.toString());
    assertThat(exit).as("docket filter '%s' %s: %s", text, file, err).isIn(0, 3);
    boolean[] docket = capture.selected(CaptureFile.read(output).packets(), "docket filter '" + text + "' " + file, true);
    Files.delete(output);

    String bpf = BpfSyntax.print(query);
    boolean[] yes = bpf.isEmpty() ? all(capture) : tcpdumpSelects(file, bpf, capture);
    boolean[] no = bpf.isEmpty() ? new boolean[capture.packets().size()] : tcpdumpSelects(file, "not (" + bpf + ")", capture);
    assertThat(yes).as("tcpdump could not run '%s' on %s", bpf, file).isNotNull();
    var window = dev.docket.query.TimeWindow.split(query).window();
    for (int i = 0; i < docket.length; i++) {
      assertThat(yes[i] && no[i]).as("tcpdump selected packet %d for '%s' and its negation", i, bpf).isFalse();
      if (different[i]) {
        count("not compared: tagged, 802.3, IPv6 extension headers, malformed or cut IP header", 1);
        continue;
      }
      if (!yes[i] && !no[i]) {
        count("not compared: BPF read past the captured bytes", 1);
        continue;
      }
      boolean expected = yes[i] && window.contains(Instant.ofEpochSecond(0, capture.packets().get(i).timestampNanos()));
      assertThat(docket[i])
          .as("packet %d (%s) of %s for '%s' (BPF '%s')", i, capture.packets().get(i), file, text, bpf)
          .isEqualTo(expected);
      count("decisions compared", 1);
      count(expected ? "packets both selected" : "packets both rejected", 1);
    }
  }

  /** Runs tcpdump with {@code bpf} on {@code file}; which packets it selected, or null if it failed. */
  private boolean[] tcpdumpSelects(Path file, String bpf, CaptureFile capture) throws Exception {
    Path output = Files.createTempFile(scratch, "tcpdump", ".pcap");
    try {
      Process process =
          // -O: no optimizer, which refuses contradictions ("expression rejects all packets").
          new ProcessBuilder(tcpdump.toString(), "-O", "--time-stamp-precision=nano", "-r", file.toString(), "-w", output.toString(), bpf)
              .redirectErrorStream(true)
              .start();
      String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      if (process.exitValue() != 0 && !capture.damaged()) {
        if (said.contains("syntax error") || said.contains("expression")) {
          throw new AssertionError("tcpdump refused '" + bpf + "': " + said);
        }
        return null;
      }
      return capture.selected(CaptureFile.read(output).packets(), "tcpdump '" + bpf + "' " + file, false);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean[] all(CaptureFile capture) {
    boolean[] all = new boolean[capture.packets().size()];
    java.util.Arrays.fill(all, true);
    return all;
  }

  /** The BPF that tells apart the packets where Docket and BPF deliberately differ (see above). */
  static String differencesFilter(int linkType) {
    String tags = "0x8100 0x88a8 0x9100 0x8847 0x8848";
    return switch (linkType) {
      case LinkType.ETHERNET -> tagTest("ether[12:2]", tags) + " or ether[12:2] < 0x600 or " + IP_DIFFERENCES;
      case LinkType.LINUX_SLL -> tagTest("link[14:2]", tags) + " or link[14:2] < 0x600 or " + IP_DIFFERENCES;
      case LinkType.LINUX_SLL2 -> tagTest("link[0:2]", tags) + " or link[0:2] < 0x600 or " + IP_DIFFERENCES;
      default -> IP_DIFFERENCES;
    };
  }

  private static String tagTest(String field, String values) {
    List<String> tests = new ArrayList<>();
    for (String value : values.split(" ")) {
      tests.add(field + " = " + value);
    }
    return String.join(" or ", tests);
  }

  /** Adds a window whose ends are two of the capture's own packet times: exact at the boundaries. */
  private static Query withWindowCuttingThrough(Query query, CaptureFile capture, Random random) {
    List<CaptureFile.Packet> packets = capture.packets();
    long a = packets.get(random.nextInt(packets.size())).timestampNanos();
    long b = packets.get(random.nextInt(packets.size())).timestampNanos();
    Instant after = Instant.ofEpochSecond(0, Math.min(a, b));
    Instant before = Instant.ofEpochSecond(0, Math.max(a, b));
    return new And(new And(TimeBound.after(after), query), TimeBound.before(before));
  }

  private void count(String what, long n) {
    counts.computeIfAbsent(what, key -> new AtomicLong()).addAndGet(n);
  }

  /** The addresses, ports, protocols and tags a capture holds: what its queries are made of. */
  private record Values(
      List<IpAddress> addresses, List<Integer> ports, List<Integer> protocols, List<Integer> vlans, List<Integer> labels) {
    static Values of(CaptureFile capture) {
      Set<IpAddress> addresses = new java.util.HashSet<>();
      Set<Integer> ports = new TreeSet<>();
      Set<Integer> protocols = new TreeSet<>();
      Set<Integer> vlans = new TreeSet<>();
      Set<Integer> labels = new TreeSet<>();
      PacketView view = new PacketView();
      for (CaptureFile.Packet packet : capture.packets()) {
        view.reset(ByteBuffer.wrap(packet.bytes()), 0, packet.bytes().length, packet.originalLength(),
            packet.timestampNanos(), packet.linkType(), 0);
        if (view.ipVersion() == 4) {
          addresses.add(IpAddress.ipv4(view.ipv4Source()));
          addresses.add(IpAddress.ipv4(view.ipv4Destination()));
        } else if (view.ipVersion() == 6) {
          addresses.add(IpAddress.ipv6(view.ipv6SourceHigh(), view.ipv6SourceLow()));
          addresses.add(IpAddress.ipv6(view.ipv6DestinationHigh(), view.ipv6DestinationLow()));
        }
        if (view.upperProtocol() >= 0) {
          protocols.add(view.upperProtocol());
        }
        if (view.sourcePort() >= 0) {
          ports.add(view.sourcePort());
          ports.add(view.destinationPort());
        }
        for (int i = 0; i < view.vlanIdCount(); i++) {
          vlans.add(view.vlanId(i));
        }
        for (int i = 0; i < view.mplsLabelCount(); i++) {
          labels.add(view.mplsLabel(i));
        }
      }
      List<IpAddress> sorted = new ArrayList<>(addresses);
      sorted.sort(java.util.Comparator.comparing(IpAddress::toString));
      return new Values(sorted, List.copyOf(ports), List.copyOf(protocols), List.copyOf(vlans), List.copyOf(labels));
    }

    /** Queries over these values; vlan and mpls only on Ethernet, where their BPF tests apply. */
    Arbitrary<Query> queries(boolean ethernet) {
      List<Arbitrary<? extends Query>> leaves = new ArrayList<>();
      Arbitrary<Direction> direction = Arbitraries.of(Direction.class);
      if (!addresses.isEmpty()) {
        Arbitrary<IpAddress> address = Arbitraries.of(addresses);
        leaves.add(Combinators.combine(direction, address).as(Host::new));
        leaves.add(Combinators.combine(direction, address, Arbitraries.integers().between(0, 128))
            .as((d, a, length) -> {
              int prefix = length % (a.bitLength() + 1);
              return new Net(d, a.masked(prefix), prefix);
            }));
      }
      if (!ports.isEmpty()) {
        Arbitrary<Integer> port = Arbitraries.of(ports);
        leaves.add(Combinators.combine(direction, port, Arbitraries.integers().between(0, 2000))
            .as((d, p, width) -> width % 3 == 0 ? new Port(d, p, Math.min(Port.MAX, p + width)) : new Port(d, p, p)));
      }
      List<Integer> protocolChoices = new ArrayList<>(protocols);
      protocolChoices.addAll(List.of(1, 6, 17, 58, 132));
      leaves.add(Arbitraries.of(protocolChoices).map(Proto::new));
      leaves.add(Arbitraries.of(IpVersion.IPV4, IpVersion.IPV6));
      if (ethernet && !vlans.isEmpty()) {
        leaves.add(Arbitraries.of(vlans).map(Vlan::new));
      }
      if (ethernet && !labels.isEmpty()) {
        leaves.add(Arbitraries.of(labels).map(Mpls::new));
      }
      return QueryTrees.of(Arbitraries.oneOf(leaves), 3);
    }
  }
}
