/** picocli commands that translate arguments to docket-core calls, and nothing more. */
@NullMarked
package dev.docket.cli;

import org.jspecify.annotations.NullMarked;
