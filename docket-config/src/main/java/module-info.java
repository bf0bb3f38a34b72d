/** The sources file (YAML) that the command line and the server read. */
module dev.docket.config {
  requires transitive dev.docket.core;
  requires transitive dev.docket.stenographer;
  requires com.google.common;
  requires org.snakeyaml.engine;
  requires static org.jspecify;

  exports dev.docket.config;
}
