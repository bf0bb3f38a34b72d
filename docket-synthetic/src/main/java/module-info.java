/** Deterministic synthetic traffic as a packet stream, for {@code docket generate}, tests, benchmarks and demos. */
module dev.docket.synthetic {
  requires transitive dev.docket.core;
  requires com.google.common;
  requires static org.jspecify;

  exports dev.docket.synthetic;
}
