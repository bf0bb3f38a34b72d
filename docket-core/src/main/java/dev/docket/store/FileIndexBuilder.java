package dev.docket.store;

import com.google.common.collect.ImmutableList;
import dev.docket.packet.PacketView;
import java.util.Arrays;

/**
 * Builds a file's {@link FileIndex} while the survey reads its records: cuts them at record
 * boundaries into blocks of about {@link StoreOptions#indexBlockBytes()}, each of {@link
 * SegmentValues#MAX_SEGMENTS} segments, and summarizes what each segment's packets carry.
 */
final class FileIndexBuilder {
  private final long segmentBytes;
  private final ImmutableList.Builder<BlockSummary> blocks = ImmutableList.builder();

  // The block being collected, and its current segment.
  private int segment = -1;
  private final long[] segmentStarts = new long[SegmentValues.MAX_SEGMENTS];
  private final long[] earliest = new long[SegmentValues.MAX_SEGMENTS];
  private final long[] latest = new long[SegmentValues.MAX_SEGMENTS];
  private long blockEnd;
  private long packets;
  private final SegmentValues.Builder ipVersions = new SegmentValues.Builder();
  private final SegmentValues.Builder protocols = new SegmentValues.Builder();
  private final SegmentValues.Builder ipv4 = new SegmentValues.Builder();
  private final SegmentValues.Builder ipv6Prefixes = new SegmentValues.Builder();
  private final SegmentValues.Builder ipv6Digests = new SegmentValues.Builder();
  private final SegmentValues.Builder ports = new SegmentValues.Builder();
  // The last values added to the segment, so that a flow's run of packets adds them once.
  private boolean repeatable;
  private int lastVersion;
  private int lastProtocol;
  private int lastSource;
  private int lastDestination;
  private int lastSourcePort;
  private int lastDestinationPort;

  /**
   * @param blockBytes about how many bytes of records a block holds
   * @param earlier the blocks of an earlier index, when the survey resumes a file that grew
   */
  FileIndexBuilder(long blockBytes, ImmutableList<BlockSummary> earlier) {
    this.segmentBytes = Math.max(1, blockBytes / SegmentValues.MAX_SEGMENTS);
    blocks.addAll(earlier);
  }

  /** Adds the record at {@code [recordStart, recordEnd)} of the file, whose packet is {@code packet}. */
  void add(PacketView packet, long recordStart, long recordEnd) {
    if (segment < 0 || blockEnd - segmentStarts[segment] >= segmentBytes) {
      if (segment == SegmentValues.MAX_SEGMENTS - 1) {
        finishBlock();
      }
      segment++;
      segmentStarts[segment] = recordStart;
      earliest[segment] = Long.MAX_VALUE;
      latest[segment] = Long.MIN_VALUE;
      repeatable = false;
    }
    blockEnd = recordEnd;
    packets++;
    long timestamp = packet.timestampNanos();
    earliest[segment] = Math.min(earliest[segment], timestamp);
    latest[segment] = Math.max(latest[segment], timestamp);
    int version = packet.ipVersion();
    if (version != 0) {
      summarizeNetwork(packet, version);
    }
  }

  private void summarizeNetwork(PacketView packet, int version) {
    int protocol = packet.upperProtocol();
    int sourcePort = packet.sourcePort();
    int destinationPort = packet.destinationPort();
    if (version == 4) {
      int source = packet.ipv4Source();
      int destination = packet.ipv4Destination();
      if (repeatable
          && lastVersion == 4
          && source == lastSource
          && destination == lastDestination
          && protocol == lastProtocol
          && sourcePort == lastSourcePort
          && destinationPort == lastDestinationPort) {
        return; // the same flow as the packet before, in the same segment
      }
      ipv4.add(source ^ Integer.MIN_VALUE, segment);
      ipv4.add(destination ^ Integer.MIN_VALUE, segment);
      repeatable = true;
      lastSource = source;
      lastDestination = destination;
    } else {
      ipv6Prefixes.add(BlockSummary.ipv6Prefix(packet.ipv6SourceHigh()), segment);
      ipv6Prefixes.add(BlockSummary.ipv6Prefix(packet.ipv6DestinationHigh()), segment);
      ipv6Digests.add(BlockSummary.ipv6Digest(packet.ipv6SourceHigh(), packet.ipv6SourceLow()), segment);
      ipv6Digests.add(BlockSummary.ipv6Digest(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow()), segment);
      repeatable = false;
    }
    lastVersion = version;
    lastProtocol = protocol;
    lastSourcePort = sourcePort;
    lastDestinationPort = destinationPort;
    ipVersions.add(version, segment);
    if (protocol >= 0) {
      protocols.add(protocol, segment);
    }
    if (sourcePort >= 0) {
      ports.add(sourcePort, segment);
      ports.add(destinationPort, segment);
    }
  }

  private void finishBlock() {
    int count = segment + 1;
    blocks.add(
        new BlockSummary(
            Arrays.copyOf(segmentStarts, count),
            blockEnd,
            packets,
            Arrays.copyOf(earliest, count),
            Arrays.copyOf(latest, count),
            ipVersions.build(),
            protocols.build(),
            ipv4.build(),
            ipv6Prefixes.build(),
            ipv6Digests.build(),
            ports.build()));
    segment = -1;
    packets = 0;
  }

  /** The index of every record added, for a file as the catalog saw it. */
  FileIndex build(long size, long modifiedNanos, long end) {
    if (segment >= 0) {
      finishBlock();
    }
    return new FileIndex(size, modifiedNanos, end, blocks.build());
  }
}
