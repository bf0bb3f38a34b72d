/** Test support shared by docket-core's tests: finding the real tools and corpus they compare with. */
@NullMarked
package dev.docket.testing;

import org.jspecify.annotations.NullMarked;
