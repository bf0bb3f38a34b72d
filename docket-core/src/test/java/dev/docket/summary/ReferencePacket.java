package dev.docket.summary;

import dev.docket.query.IpAddress;
import org.jspecify.annotations.Nullable;

/**
 * One packet as a reference other than Docket's decoder sees it (tshark's fields, or the fields a
 * crafted frame was built with): what {@link SummaryModel} counts.
 *
 * @param protocol the name the summary should give it
 * @param source the outermost IP source, or null for a frame that is not IP
 * @param sourcePort -1 when there is none
 */
record ReferencePacket(
    long timestampNanos,
    long capturedLength,
    long wireLength,
    String protocol,
    @Nullable IpAddress source,
    @Nullable IpAddress destination,
    int sourcePort,
    int destinationPort) {}
