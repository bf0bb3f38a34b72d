/**
 * The summary of a query's result, computed while the result is written: totals, packets over
 * time, top conversations and hosts, protocols, and the first packets as lines. One pass, bounded
 * memory, cheap beside the writing.
 */
@NullMarked
package dev.docket.summary;

import org.jspecify.annotations.NullMarked;
