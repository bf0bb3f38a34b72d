package dev.docket.summary;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a query's result holds, at a glance: the numbers a status page shows beside the file, so an
 * analyst sees whether it is the incident before opening it in Wireshark. A snapshot taken by
 * {@link SummaryCollector#summary()}; immutable, made of JDK types only.
 *
 * <p>Bytes are captured bytes (what the result file holds) everywhere; {@link Totals} also counts
 * the bytes on the wire, which differ when the capture cut packets short.
 *
 * @param totals every packet counted
 * @param histogram packets and bytes over time
 * @param conversations the conversations that carried the most bytes
 * @param hosts the IP addresses that sent or received the most bytes
 * @param protocols packets and bytes per protocol, the most bytes first; they sum to the totals
 * @param firstPackets the first packets of the result, one tcpdump-like line each
 */
public record ResultSummary(
    Totals totals,
    Histogram histogram,
    Ranking<Conversation> conversations,
    Ranking<Host> hosts,
    List<ProtocolCount> protocols,
    List<String> firstPackets) {

  public ResultSummary {
    protocols = List.copyOf(protocols);
    firstPackets = List.copyOf(firstPackets);
  }

  /**
   * @param packets every packet
   * @param bytes their captured bytes
   * @param wireBytes their original lengths, as they were on the wire
   * @param firstNanos the earliest timestamp, in nanoseconds since the epoch (the first packet's,
   *     as a result is in time order); empty when there is no packet
   * @param lastNanos the latest timestamp
   */
  public record Totals(
      long packets, long bytes, long wireBytes, OptionalLong firstNanos, OptionalLong lastNanos) {}

  /**
   * Packets over time in consecutive buckets of one width, from the first packet's bucket to the
   * last one's; empty when there is no packet. Buckets start at whole multiples of the width since
   * the epoch, so two summaries of the same width line up.
   *
   * @param bucketNanos every bucket's width: a microsecond doubled as often as the result's time
   *     range needed to fit the bucket count
   */
  public record Histogram(long bucketNanos, List<Bucket> buckets) {
    public Histogram {
      buckets = List.copyOf(buckets);
    }
  }

  /**
   * @param startNanos where the bucket starts, in nanoseconds since the epoch (at the earliest
   *     {@link Long#MIN_VALUE}); it ends where the next starts
   */
  public record Bucket(long startNanos, long packets, long bytes) {}

  /**
   * The most of something, by bytes, the most first.
   *
   * @param top at most the collector's top count of entries
   * @param exact whether every count in {@code top} is exact and no entry is missing from it; false
   *     once more distinct keys came than the collector counts one by one, and then the entries are
   *     the heavy hitters found approximately: their bytes are upper bounds, too high by at most
   *     all bytes over half that cap, and their packets are lower bounds
   * @param distinct how many distinct keys were seen; when not {@code exact}, at least this many
   */
  public record Ranking<T>(List<T> top, boolean exact, long distinct) {
    public Ranking {
      top = List.copyOf(top);
    }
  }

  /**
   * Packets between two endpoints, in either direction: {@code a} is the lower address (then port),
   * so a conversation is named the same way whoever sent first.
   *
   * @param protocol the name as in {@link ProtocolCount}
   */
  public record Conversation(
      String protocol, Endpoint a, Endpoint b, long packets, long bytes) {}

  /**
   * @param address an IPv4 dotted quad or an IPv6 address in RFC 5952 form
   * @param port the TCP, UDP or SCTP port; empty for other protocols and for fragments after the
   *     first, which carry no ports
   */
  public record Endpoint(String address, OptionalInt port) {}

  /**
   * An IP address and the packets it sent or received; a packet counts once for each distinct
   * address in its outermost IP header.
   */
  public record Host(String address, long packets, long bytes) {}

  /**
   * @param protocol for IP packets the protocol after the outermost IP header (and IPv6's extension
   *     headers): {@code tcp}, {@code udp}, {@code icmp}, {@code icmp6}, {@code sctp}, {@code gre},
   *     {@code esp}, ... or {@code ip-proto-N}; {@code ip6-truncated} when IPv6 extension headers
   *     are cut off. For other frames what they carry: {@code arp}, {@code lldp}, ... or {@code
   *     ethertype-0xNNNN}; {@code ip-truncated}/{@code ip6-truncated} for an IP header cut off;
   *     {@code llc} for 802.3 frames; {@code truncated} for a link header cut off; {@code
   *     link-NAME} for a link type that is not decoded, or no IP on a link of IP only
   */
  public record ProtocolCount(String protocol, long packets, long bytes) {}
}
