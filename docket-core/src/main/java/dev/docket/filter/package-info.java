/**
 * Packet filters compiled from a {@link dev.docket.query.Query}: a tree of small evaluators over
 * {@link dev.docket.packet.PacketView}, built once per query and run for every packet without
 * allocating.
 */
@NullMarked
package dev.docket.filter;

import org.jspecify.annotations.NullMarked;
