package dev.docket.web;

import static java.util.Objects.requireNonNull;

/**
 * Who sent a request, once Basic authentication has passed.
 *
 * @param user the htpasswd user
 * @param admin whether the user is in the configured admins, who see every user's jobs
 * @param address the client's address, for the audit log
 * @param route the request's method and path, such as {@code GET /api/v1/jobs/ID/pcap}, for the
 *     audit log
 */
record Caller(String user, boolean admin, String address, String route) {
  /** The request attribute the authentication filter leaves it in. */
  static final String ATTRIBUTE = "docket.caller";

  Caller {
    requireNonNull(user, "user");
    requireNonNull(address, "address");
    requireNonNull(route, "route");
  }

  /** Whether this caller may see, download or delete a job of {@code owner}. */
  boolean mayAccess(String owner) {
    return admin || user.equals(owner);
  }
}
