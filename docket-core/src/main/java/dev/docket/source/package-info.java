/**
 * The packet-source SPI: what a backend (a local capture store, a Stenographer sensor) declares it can
 * evaluate, the plan that tells it what to run, and the stream of packets it answers with.
 */
@NullMarked
package dev.docket.source;

import org.jspecify.annotations.NullMarked;
