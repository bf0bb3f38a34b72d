package dev.docket.web;

/** Where a job's routes are, under the server's base path. */
final class JobLinks {
  private JobLinks() {}

  static String self(String basePath, String id) {
    return under(basePath, "api/v1/jobs/" + id);
  }

  static String under(String basePath, String path) {
    return (basePath.endsWith("/") ? basePath : basePath + "/") + path;
  }
}
