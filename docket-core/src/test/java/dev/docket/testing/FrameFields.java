package dev.docket.testing;

import com.google.common.collect.ImmutableList;
import dev.docket.query.IpAddress;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link FrameBuilder} put into a frame, as the filter semantics define the fields, with the
 * offset just past the bytes each field depends on: the independent truth that decoders and filters
 * are checked against. {@link #cutTo} gives what remains visible when the capture keeps fewer bytes.
 *
 * @param vlanIds every VLAN tag, outermost first, however many (the decoder records only some)
 * @param mplsLabels every MPLS label, outermost first
 * @param ipVersion 4 or 6, or 0 when no IP header is decodable
 * @param ipEnd where the fixed IP header ends; the version and addresses need it all
 * @param protocol the upper-layer protocol, or -1
 * @param protocolEnd where the bytes that decide the protocol end (IPv6: the extension chain)
 * @param firstFragment unfragmented or first fragment; false when the protocol is unknown
 * @param sourcePort TCP/UDP/SCTP source port visible to a filter, or -1
 * @param portsEnd where the ports end
 */
public record FrameFields(
    ImmutableList<Tag> vlanIds,
    ImmutableList<Tag> mplsLabels,
    int ipVersion,
    @Nullable IpAddress source,
    @Nullable IpAddress destination,
    int ipEnd,
    int protocol,
    int protocolEnd,
    boolean firstFragment,
    int sourcePort,
    int destinationPort,
    int portsEnd) {

  /** A VLAN id or MPLS label, and the offset just past its 4-byte tag or label stack entry. */
  public record Tag(int value, int end) {}

  /** The fields of a frame whose capture keeps only its first {@code capturedLength} bytes. */
  public FrameFields cutTo(int capturedLength) {
    ImmutableList<Tag> vlans = keptTags(vlanIds, capturedLength);
    ImmutableList<Tag> labels = keptTags(mplsLabels, capturedLength);
    if (ipEnd > capturedLength) {
      return new FrameFields(vlans, labels, 0, null, null, 0, -1, 0, false, -1, -1, 0);
    }
    if (protocolEnd > capturedLength) {
      return new FrameFields(
          vlans, labels, ipVersion, source, destination, ipEnd, -1, 0, false, -1, -1, 0);
    }
    if (portsEnd > capturedLength) {
      return new FrameFields(
          vlans, labels, ipVersion, source, destination, ipEnd, protocol, protocolEnd, firstFragment,
          -1, -1, 0);
    }
    return new FrameFields(
        vlans, labels, ipVersion, source, destination, ipEnd, protocol, protocolEnd, firstFragment,
        sourcePort, destinationPort, portsEnd);
  }

  /** Tags are read in order, so the first one cut off hides every one after it. */
  private static ImmutableList<Tag> keptTags(ImmutableList<Tag> tags, int capturedLength) {
    ImmutableList.Builder<Tag> kept = ImmutableList.builder();
    for (Tag tag : tags) {
      if (tag.end() > capturedLength) {
        break;
      }
      kept.add(tag);
    }
    return kept.build();
  }
}
