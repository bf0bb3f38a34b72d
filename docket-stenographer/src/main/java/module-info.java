/** The Stenographer backend: {@code StenographerSource}, a packet source over mutual TLS. */
module dev.docket.stenographer {
  requires transitive dev.docket.core;
  requires com.google.common;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.apache.httpcomponents.core5.httpcore5.h2;
  requires static org.jspecify;

  exports dev.docket.stenographer;
}
