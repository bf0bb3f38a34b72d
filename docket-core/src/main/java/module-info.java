/**
 * Docket's core: the front door ({@code dev.docket}), the query language, planning, the packet
 * source SPI, the local capture store, and reading, filtering, merging and writing captures. Guava
 * is used inside and appears in no exported signature.
 */
module dev.docket.core {
  requires com.google.common;
  requires static org.jspecify;

  exports dev.docket;
  exports dev.docket.filter;
  exports dev.docket.packet;
  exports dev.docket.pcap;
  exports dev.docket.plan;
  exports dev.docket.query;
  exports dev.docket.source;
  exports dev.docket.store;
  exports dev.docket.summary;
}
