/**
 * The local capture store: directory trees of rolling capture files (tcpdump -G/-C, netsniff-ng,
 * Suricata's pcap log) as a {@link dev.docket.source.PacketSource}, with nothing else installed. A
 * catalog beside the data keeps each file's time range, so a query opens only the files that overlap
 * its window; the selected files are scanned in parallel and merged in time order.
 */
@NullMarked
package dev.docket.store;

import org.jspecify.annotations.NullMarked;
