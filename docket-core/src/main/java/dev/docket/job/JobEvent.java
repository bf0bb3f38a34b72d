package dev.docket.job;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Something that happened to a job, when it happened: queued, started, a source's end, the result
 * written, expired.
 *
 * @param at when, by the service's clock
 * @param kind a short word for programs: {@code queued}, {@code started}, {@code source},
 *     {@code written}, {@code ended}, {@code cancelled}, {@code expired}
 * @param message one line for people, such as "north: failed: connection refused"
 */
public record JobEvent(Instant at, String kind, String message) {
  public JobEvent {
    requireNonNull(at, "at");
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
  }
}
