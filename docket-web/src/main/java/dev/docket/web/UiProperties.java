package dev.docket.web;

import java.util.Map;

/**
 * Micronaut's static resources for the web UI: the pages under {@code ui/} and the WebJars' files
 * (uPlot) under {@code webjars/}, both below the base path and behind the same Basic
 * authentication and security headers as every other route.
 */
final class UiProperties {
  /** Where the pages are in the jar, and under the base path. */
  static final String PAGES = "docket-ui";

  private UiProperties() {}

  static Map<String, Object> of() {
    return Map.of(
        "micronaut.router.static-resources.ui.enabled", true,
        "micronaut.router.static-resources.ui.paths", "classpath:" + PAGES,
        "micronaut.router.static-resources.ui.mapping", "/ui/**",
        "micronaut.router.static-resources.webjars.enabled", true,
        "micronaut.router.static-resources.webjars.paths", "classpath:META-INF/resources/webjars",
        "micronaut.router.static-resources.webjars.mapping", "/webjars/**");
  }
}
