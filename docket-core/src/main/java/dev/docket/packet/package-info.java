/**
 * A zero-copy view of one captured packet: its record fields, and the decoded header fields that
 * filters need, read from the bytes in place without allocating.
 */
@NullMarked
package dev.docket.packet;

import org.jspecify.annotations.NullMarked;
