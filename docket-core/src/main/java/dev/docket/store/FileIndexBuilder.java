package dev.docket.store;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import com.google.common.primitives.ImmutableLongArray;
import dev.docket.packet.PacketView;
import java.util.Arrays;

/**
 * Builds a file's {@link FileIndex} while the survey reads its records: cuts them into blocks of
 * about {@link StoreOptions#indexBlockBytes()} at record boundaries and summarizes each block's
 * packets.
 */
final class FileIndexBuilder {
  private final long blockBytes;
  private final ImmutableList.Builder<BlockSummary> blocks = ImmutableList.builder();

  // The block being collected.
  private long blockStart = -1;
  private long blockEnd;
  private long packets;
  private long earliest = Long.MAX_VALUE;
  private long latest = Long.MIN_VALUE;
  private int ipVersions;
  private long[] protocols = new long[4];
  private ImmutableIntArray.Builder ipv4 = ImmutableIntArray.builder();
  private ImmutableLongArray.Builder ipv6Prefixes = ImmutableLongArray.builder();
  private ImmutableLongArray.Builder ipv6Digests = ImmutableLongArray.builder();
  private ImmutableIntArray.Builder ports = ImmutableIntArray.builder();
  // The last values added, so that a flow's run of packets adds each once.
  private boolean ipv4Added;
  private int lastSource;
  private int lastDestination;
  private int lastSourcePort = -1;
  private int lastDestinationPort = -1;

  /**
   * @param blockBytes about how many bytes of records a block holds
   * @param earlier the blocks of an earlier index, when the survey resumes a file that grew
   */
  FileIndexBuilder(long blockBytes, ImmutableList<BlockSummary> earlier) {
    this.blockBytes = blockBytes;
    blocks.addAll(earlier);
  }

  /** Adds the record at {@code [recordStart, recordEnd)} of the file, whose packet is {@code packet}. */
  void add(PacketView packet, long recordStart, long recordEnd) {
    if (blockStart < 0) {
      blockStart = recordStart;
    }
    blockEnd = recordEnd;
    packets++;
    long timestamp = packet.timestampNanos();
    earliest = Math.min(earliest, timestamp);
    latest = Math.max(latest, timestamp);
    int version = packet.ipVersion();
    if (version != 0) {
      summarizeNetwork(packet, version);
    }
    if (recordEnd - blockStart >= blockBytes) {
      finishBlock();
    }
  }

  private void summarizeNetwork(PacketView packet, int version) {
    ipVersions |= 1 << version;
    if (version == 4) {
      int source = packet.ipv4Source();
      int destination = packet.ipv4Destination();
      if (!ipv4Added || source != lastSource || destination != lastDestination) {
        ipv4.add(source ^ Integer.MIN_VALUE).add(destination ^ Integer.MIN_VALUE);
        ipv4Added = true;
        lastSource = source;
        lastDestination = destination;
      }
    } else {
      ipv6Prefixes.add(packet.ipv6SourceHigh() ^ Long.MIN_VALUE).add(packet.ipv6DestinationHigh() ^ Long.MIN_VALUE);
      ipv6Digests
          .add(BlockSummary.ipv6Digest(packet.ipv6SourceHigh(), packet.ipv6SourceLow()))
          .add(BlockSummary.ipv6Digest(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow()));
    }
    int protocol = packet.upperProtocol();
    if (protocol >= 0) {
      protocols[protocol >>> 6] |= 1L << protocol;
    }
    int sourcePort = packet.sourcePort();
    if (sourcePort >= 0) {
      int destinationPort = packet.destinationPort();
      if (sourcePort != lastSourcePort || destinationPort != lastDestinationPort) {
        ports.add(sourcePort).add(destinationPort);
        lastSourcePort = sourcePort;
        lastDestinationPort = destinationPort;
      }
    }
  }

  private void finishBlock() {
    blocks.add(
        new BlockSummary(
            blockStart,
            blockEnd,
            packets,
            earliest,
            latest,
            ipVersions,
            protocols,
            distinct(ipv4.build().toArray()),
            distinct(ipv6Prefixes.build().toArray()),
            distinct(ipv6Digests.build().toArray()),
            distinct(ports.build().toArray())));
    blockStart = -1;
    packets = 0;
    earliest = Long.MAX_VALUE;
    latest = Long.MIN_VALUE;
    ipVersions = 0;
    protocols = new long[4];
    ipv4 = ImmutableIntArray.builder();
    ipv6Prefixes = ImmutableLongArray.builder();
    ipv6Digests = ImmutableLongArray.builder();
    ports = ImmutableIntArray.builder();
    ipv4Added = false;
    lastSourcePort = -1;
    lastDestinationPort = -1;
  }

  /** The index of every record added, for a file as the catalog saw it. */
  FileIndex build(long size, long modifiedNanos, long end) {
    if (blockStart >= 0) {
      finishBlock();
    }
    return new FileIndex(size, modifiedNanos, end, blocks.build());
  }

  /** Sorts {@code values} and returns its distinct ones. */
  private static int[] distinct(int[] values) {
    Arrays.sort(values);
    int kept = 0;
    for (int value : values) {
      if (kept == 0 || values[kept - 1] != value) {
        values[kept++] = value;
      }
    }
    return Arrays.copyOf(values, kept);
  }

  private static long[] distinct(long[] values) {
    Arrays.sort(values);
    int kept = 0;
    for (long value : values) {
      if (kept == 0 || values[kept - 1] != value) {
        values[kept++] = value;
      }
    }
    return Arrays.copyOf(values, kept);
  }
}
