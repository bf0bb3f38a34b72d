package dev.docket.summary;

import dev.docket.packet.PacketView;
import dev.docket.query.IpAddress;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One packet as one line, in the shape of {@code tcpdump -nn -tttt} (in UTC) so that an analyst
 * reads it at once: {@code 2024-06-03 09:15:00.123456 IP 10.1.9.106.51234 > 10.1.1.1.53: UDP, 82
 * bytes}.
 *
 * <p>Written from the fields {@link PacketView} decodes (pcap4j is not on docket-core's path, and
 * would allocate a packet of objects for a line), plus ARP's addresses, read here. Where tcpdump
 * decodes the application it carries, this names the protocol after the IP header; the length is
 * the whole frame's, as it was on the wire. Only the first packets of a result are written, so
 * allocating here is fine.
 */
final class PacketLine {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final int ARP_IPV4_OVER_ETHERNET_LENGTH = 28;

  private PacketLine() {}

  /** The line for {@code packet}; {@code frame} is scratch space for frames that are not IP. */
  static String of(PacketView packet, FrameKind frame) {
    StringBuilder line = new StringBuilder(96);
    appendTime(line, packet.timestampNanos());
    line.append(' ');
    if (packet.ipVersion() != 0) {
      appendIp(line, packet);
    } else {
      frame.read(packet);
      if (frame.isArp()) {
        appendArp(line, packet.buffer(), frame.payloadOffset(), packet.offset() + packet.capturedLength());
      } else {
        line.append(FrameKind.name(frame.kind()));
      }
    }
    return line.append(", ").append(packet.originalLength()).append(" bytes").toString();
  }

  /** UTC, to the microsecond as tcpdump prints by default (nanoseconds are cut, not rounded). */
  private static void appendTime(StringBuilder line, long timestampNanos) {
    long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
    long micros = Math.floorMod(timestampNanos, 1_000_000_000L) / 1_000;
    line.append(SECONDS.format(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC))).append('.');
    String digits = Long.toString(micros);
    line.append("000000", digits.length(), 6).append(digits);
  }

  private static void appendIp(StringBuilder line, PacketView packet) {
    boolean ipv4 = packet.ipVersion() == 4;
    IpAddress source = ipv4
        ? IpAddress.ipv4(packet.ipv4Source())
        : IpAddress.ipv6(packet.ipv6SourceHigh(), packet.ipv6SourceLow());
    IpAddress destination = ipv4
        ? IpAddress.ipv4(packet.ipv4Destination())
        : IpAddress.ipv6(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow());
    line.append(ipv4 ? "IP " : "IP6 ").append(source);
    if (packet.sourcePort() >= 0) {
      line.append('.').append(packet.sourcePort());
    }
    line.append(" > ").append(destination);
    if (packet.destinationPort() >= 0) {
      line.append('.').append(packet.destinationPort());
    }
    int protocol = packet.upperProtocol();
    line.append(": ").append(IpProtocolNames.display(protocol));
    if (protocol != IpProtocolNames.UNKNOWN && !packet.isFirstFragment()) {
      line.append(" fragment");
    }
  }

  /** tcpdump's words for ARP and RARP over Ethernet with IPv4; other hardware is named only. */
  private static void appendArp(StringBuilder line, ByteBuffer buffer, int at, int end) {
    line.append("ARP");
    if (at + ARP_IPV4_OVER_ETHERNET_LENGTH > end
        || FrameKind.uint16(buffer, at) != 1
        || FrameKind.uint16(buffer, at + 2) != 0x0800
        || buffer.get(at + 4) != 6
        || buffer.get(at + 5) != 4) {
      return;
    }
    String senderHardware = mac(buffer, at + 8);
    IpAddress senderAddress = ipv4(buffer, at + 14);
    String targetHardware = mac(buffer, at + 18);
    IpAddress targetAddress = ipv4(buffer, at + 24);
    switch (FrameKind.uint16(buffer, at + 6)) {
      case 1 -> {
        line.append(", Request who-has ").append(targetAddress);
        if (!targetHardware.equals("00:00:00:00:00:00")) {
          line.append(" (").append(targetHardware).append(')');
        }
        line.append(" tell ").append(senderAddress);
      }
      case 2 -> line.append(", Reply ").append(senderAddress).append(" is-at ").append(senderHardware);
      case 3 -> line.append(", Reverse Request who-is ").append(targetHardware).append(" tell ").append(senderHardware);
      case 4 -> line.append(", Reverse Reply ").append(targetHardware).append(" at ").append(targetAddress);
      default -> line.append(", operation ").append(FrameKind.uint16(buffer, at + 6));
    }
  }

  private static IpAddress ipv4(ByteBuffer buffer, int at) {
    return IpAddress.ipv4(FrameKind.uint16(buffer, at) << 16 | FrameKind.uint16(buffer, at + 2));
  }

  private static String mac(ByteBuffer buffer, int at) {
    StringBuilder mac = new StringBuilder(17);
    for (int i = 0; i < 6; i++) {
      if (i > 0) {
        mac.append(':');
      }
      int octet = buffer.get(at + i) & 0xFF;
      mac.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
    }
    return mac.toString();
  }
}
