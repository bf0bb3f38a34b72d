package dev.docket.source;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How one source's part of a fanned-out query ended.
 *
 * @param source the source's name
 * @param packets how many packets it contributed to the result (those before a failure count)
 * @param failure why it stopped early, or empty when it answered in full
 */
public record SourceOutcome(String source, long packets, Optional<SourceException> failure) {
  public SourceOutcome {
    requireNonNull(source, "source");
    requireNonNull(failure, "failure");
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
