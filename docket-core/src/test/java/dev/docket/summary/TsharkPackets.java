package dev.docket.summary;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docket.query.IpAddress;
import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A capture's packets as Wireshark's dissectors see them ({@code tshark -T fields}): the
 * independent reference for a summary's numbers. Each field is its first occurrence, which is the
 * outermost header's; IP reassembly is off, so each fragment stays a packet of its own, as in a
 * result.
 */
final class TsharkPackets {
  private static final List<String> FIELDS = List.of(
      "frame.time_epoch", "frame.cap_len", "frame.len", "frame.protocols", "ip.src", "ip.dst",
      "ip.proto", "ipv6.src", "ipv6.dst", "ipv6.fraghdr.nxt", "tcp.srcport", "tcp.dstport",
      "udp.srcport", "udp.dstport", "sctp.srcport", "sctp.dstport");
  /** Headers before the network layer, in tshark's {@code frame.protocols}. */
  private static final Set<String> LINK_LAYERS = Set.of("eth", "sll", "ethertype", "vlan");
  private static final Set<String> IPV6_EXTENSIONS =
      Set.of("ipv6.hopopts", "ipv6.routing", "ipv6.dstopts", "ipv6.fraghdr");
  /** tshark's names of what follows an IP header, as a summary names them. */
  private static final Map<String, String> UPPER_NAMES = Map.of(
      "tcp", "tcp", "udp", "udp", "sctp", "sctp", "icmp", "icmp", "icmpv6", "icmp6", "gre", "gre");
  private static final Map<Integer, String> PROTOCOL_NUMBERS = Map.of(
      1, "icmp", 6, "tcp", 17, "udp", 47, "gre", 58, "icmp6", 132, "sctp");
  /** Frames that are not IP, by the layer after the link's. */
  private static final Map<String, String> FRAME_NAMES = Map.of("arp", "arp", "llc", "llc", "lldp", "lldp");

  private TsharkPackets() {}

  static List<ReferencePacket> read(Path capture) throws IOException, InterruptedException {
    Path tshark = ExternalTool.require("tshark", "tshark");
    List<String> command = new ArrayList<>(List.of(
        tshark.toString(), "-n", "-r", capture.toString(), "-o", "ip.defragment:FALSE",
        "-o", "ipv6.defragment:FALSE", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"));
    FIELDS.forEach(field -> command.addAll(List.of("-e", field)));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("tshark failed on " + capture);
    }
    List<ReferencePacket> packets = new ArrayList<>();
    output.lines().forEach(line -> packets.add(packet(line.split("\t", -1), capture)));
    return packets;
  }

  private static ReferencePacket packet(String[] fields, Path capture) {
    long timestamp = nanos(field(fields, "frame.time_epoch"));
    long captured = Long.parseLong(field(fields, "frame.cap_len"));
    long wire = Long.parseLong(field(fields, "frame.len"));
    String[] layers = field(fields, "frame.protocols").split(":");
    int network = 0;
    while (network < layers.length && LINK_LAYERS.contains(layers[network])) {
      network++;
    }
    String layer = network < layers.length ? layers[network] : "";
    if (layer.equals("ip")) {
      String protocol = known(PROTOCOL_NUMBERS.get(Integer.parseInt(field(fields, "ip.proto"))), layers, capture);
      return ip(fields, timestamp, captured, wire, protocol, "ip");
    }
    if (layer.equals("ipv6")) {
      int upper = network + 1;
      while (upper < layers.length && IPV6_EXTENSIONS.contains(layers[upper])) {
        upper++;
      }
      // A fragment after the first: tshark calls its bytes data; the fragment header says what they are.
      String protocol = upper < layers.length && layers[upper].equals("data") && layers[upper - 1].equals("ipv6.fraghdr")
          ? PROTOCOL_NUMBERS.get(Integer.parseInt(field(fields, "ipv6.fraghdr.nxt")))
          : upper < layers.length ? UPPER_NAMES.get(layers[upper]) : null;
      return ip(fields, timestamp, captured, wire, known(protocol, layers, capture), "ipv6");
    }
    String frame = known(FRAME_NAMES.get(layer), layers, capture);
    return new ReferencePacket(timestamp, captured, wire, frame, null, null, -1, -1);
  }

  private static ReferencePacket ip(
      String[] fields, long timestamp, long captured, long wire, String protocol, String version) {
    String source = field(fields, version + ".src");
    String destination = field(fields, version + ".dst");
    boolean hasPorts = protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("sctp");
    String sourcePort = hasPorts ? field(fields, protocol + ".srcport") : "";
    String destinationPort = hasPorts ? field(fields, protocol + ".dstport") : "";
    return new ReferencePacket(
        timestamp, captured, wire, protocol, IpAddress.parse(source), IpAddress.parse(destination),
        sourcePort.isEmpty() ? -1 : Integer.parseInt(sourcePort),
        destinationPort.isEmpty() ? -1 : Integer.parseInt(destinationPort));
  }

  private static String known(@Nullable String name, String[] layers, Path capture) {
    if (name == null) {
      fail("no summary name for " + String.join(":", layers) + " in " + capture + "; add it to the test's tables");
    }
    return name;
  }

  private static String field(String[] fields, String name) {
    return fields[FIELDS.indexOf(name)];
  }

  /** "1331084278.438444000" to nanoseconds, exactly (a double would round). */
  private static long nanos(String epoch) {
    int dot = epoch.indexOf('.');
    String fraction = (epoch.substring(dot + 1) + "000000000").substring(0, 9);
    return Long.parseLong(epoch.substring(0, dot)) * 1_000_000_000L + Long.parseLong(fraction);
  }
}
