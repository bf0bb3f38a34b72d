/**
 * Docket's front door: {@link dev.docket.Docket} runs a query against packet sources and writes
 * the merged, exact result to a {@link dev.docket.CaptureSink}; {@link dev.docket.QueryResult} says
 * how each source did. The packages below are the parts it is built from: the query language
 * ({@code query}), planning ({@code plan}), the source SPI ({@code source}), the local capture store
 * ({@code store}), reading and writing captures ({@code pcap}), filtering and merging.
 */
@NullMarked
package dev.docket;

import org.jspecify.annotations.NullMarked;
