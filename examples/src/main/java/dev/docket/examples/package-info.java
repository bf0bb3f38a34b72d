/** Small programs that show how to embed docket-core: each is one file with a main method. */
@NullMarked
package dev.docket.examples;

import org.jspecify.annotations.NullMarked;
