package dev.docket.stenographer;

import com.google.common.collect.ImmutableSet;
import dev.docket.query.IpAddress;

/**
 * What Stenographer's index holds for one stored frame: the keys under which a lookup finds it. A
 * frame with no keys at all (ARP, frames the index cannot decode) is found only by a time-only query.
 *
 * @param vlans every VLAN id walked through, however many
 * @param mplsLabels every MPLS label followed by at least one more byte
 * @param addresses the outermost IP header's source and destination (IPv4 or IPv6 keys)
 * @param protocols the one protocol indexed, if any: where the walk stopped
 * @param ports TCP or UDP source and destination ports, when the whole TCP or UDP header is there
 */
record IndexEntries(
    ImmutableSet<Integer> vlans,
    ImmutableSet<Integer> mplsLabels,
    ImmutableSet<IpAddress> addresses,
    ImmutableSet<Integer> protocols,
    ImmutableSet<Integer> ports) {}
