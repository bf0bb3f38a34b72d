/**
 * Reading and writing capture files: classic pcap (both byte orders, micro- and nanosecond) and
 * pcapng (several sections and interfaces), streamed through one reused buffer with zero copies.
 * A damaged file yields every good packet before the damage, then a {@link
 * dev.docket.pcap.CorruptCaptureException} naming the file, the byte offset and the reason.
 */
@NullMarked
package dev.docket.pcap;

import org.jspecify.annotations.NullMarked;
