/**
 * Docket's query language: an immutable AST ({@link dev.docket.query.Query}), its parser and its
 * printers in Docket's own canonical text, Stenographer's dialect and tcpdump's BPF.
 *
 * <p>Nothing here reads the current time: relative times resolve against an injected {@link
 * java.time.Clock}.
 */
@NullMarked
package dev.docket.query;

import org.jspecify.annotations.NullMarked;
