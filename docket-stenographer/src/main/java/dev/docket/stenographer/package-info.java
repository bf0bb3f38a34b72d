/**
 * Stenographer sensors as packet sources: {@code POST /query} over mutual TLS, the answer streamed
 * into the merge, the time window padded for Stenographer's whole-file time, and every failure told
 * in the sensor's name with the way out.
 */
@NullMarked
package dev.docket.stenographer;

import org.jspecify.annotations.NullMarked;
