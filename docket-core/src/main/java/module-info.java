/**
 * Docket's core: the front door ({@code dev.docket}), the query language, planning, the packet
 * source SPI, the local capture store, reading, filtering, merging and writing captures, the jobs
 * service and the result summary. Guava and jackson-jr are used inside and appear in no exported
 * signature.
 */
module dev.docket.core {
  requires com.google.common;
  requires com.fasterxml.jackson.jr.ob;
  requires org.pcap4j.core;
  requires static org.jspecify;

  exports dev.docket;
  exports dev.docket.filter;
  exports dev.docket.job;
  exports dev.docket.packet;
  exports dev.docket.pcap;
  exports dev.docket.plan;
  exports dev.docket.query;
  exports dev.docket.source;
  exports dev.docket.store;
  exports dev.docket.summary;
}
