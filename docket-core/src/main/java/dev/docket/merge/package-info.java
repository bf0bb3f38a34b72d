/**
 * Merging packet streams into one in time order, and dropping the duplicates several taps see.
 */
@NullMarked
package dev.docket.merge;

import org.jspecify.annotations.NullMarked;
