/**
 * JMH benchmarks of Docket's in-process hot loops: reading, decoding and filtering one capture, and
 * merging several. Run them from the shaded jar; see bench/README.md.
 */
@NullMarked
package dev.docket.bench;

import org.jspecify.annotations.NullMarked;
