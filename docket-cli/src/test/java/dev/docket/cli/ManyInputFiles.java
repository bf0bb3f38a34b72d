package dev.docket.cli;

import dev.docket.packet.PacketView;
import dev.docket.pcap.PcapWriter;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many small capture files in rounds that overlap in time: a round's files interleave packet by
 * packet, and the rounds follow one another. Times are unique across files, so any correct merge
 * has one order. Only untagged IP packets of the synthetic traffic are kept. Used by {@link ManyInputsIT} and by {@code bench/many-inputs.sh}:
 * {@code java -cp docket-cli/target/test-classes:docket-cli/target/docket.jar dev.docket.cli.ManyInputFiles DIR FILES ROUND PACKETS}.
 */
final class ManyInputFiles {
  private static final long START_MICROS = Instant.parse("2024-06-03T09:00:00Z").getEpochSecond() * 1_000_000L;

  private ManyInputFiles() {}

  /** Writes {@code files} files of {@code packets} packets into {@code directory}; returns their names relative to it. */
  static List<String> write(Path directory, int files, int round, int packets) throws IOException {
    List<String> names = new ArrayList<>(files);
    PacketView view = new PacketView();
    for (int file = 0; file < files; file++) {
      String name = "r" + file / round + "/f" + file % round + ".pcap";
      Files.createDirectories(directory.resolve(name).getParent());
      names.add(name);
      try (SyntheticTraffic traffic = new SyntheticTraffic(TrafficSpec.ofPackets(file, 20L * packets));
          OutputStream out = Files.newOutputStream(directory.resolve(name))) {
        PcapWriter writer = PcapWriter.create(out, 1);
        for (int packet = 0; packet < packets && traffic.next(); ) {
          if (!isPlainIp(traffic.packet())) {
            continue;
          }
          long micros = START_MICROS + (long) (file / round) * 60_000_000L + packet * 10_000L + file % round;
          PacketView original = traffic.packet();
          ByteBuffer bytes = ByteBuffer.wrap(original.copyBytes());
          view.reset(bytes, 0, bytes.remaining(), original.originalLength(), micros * 1000, original.linkType(), 0);
          writer.write(view);
          packet++;
        }
        writer.close();
      }
    }
    return names;
  }

  /**
   * Untagged IPv4 or IPv6: where tcpdump's filters mean what Docket's do (libpcap looks past VLAN
   * tags and MPLS labels only when told, and its {@code host} also matches ARP).
   */
  private static boolean isPlainIp(PacketView packet) {
    if (packet.capturedLength() < 14) {
      return false;
    }
    int at = packet.offset() + 12;
    int etherType = (packet.buffer().get(at) & 0xff) << 8 | (packet.buffer().get(at + 1) & 0xff);
    return etherType == 0x0800 || etherType == 0x86dd;
  }

  public static void main(String[] args) throws IOException {
    List<String> names = write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    Files.write(Path.of(args[0]).resolve("files.txt"), names);
  }
}
