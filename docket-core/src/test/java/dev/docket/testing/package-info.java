/**
 * Test support shared by docket-core's tests: finding the real tools and corpus they compare with,
 * and crafting frames whose header fields are known ({@link dev.docket.testing.FrameBuilder}).
 */
@NullMarked
package dev.docket.testing;

import org.jspecify.annotations.NullMarked;
