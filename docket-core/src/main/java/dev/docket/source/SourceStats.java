package dev.docket.source;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;

/**
 * What a source says about itself, name to value, as the source reports it (Stenographer's {@code
 * /debug/stats} counters, a store's file count): for operators to read, not for Docket to act on.
 */
public record SourceStats(ImmutableSortedMap<String, String> values) {
  /** A source that reports nothing. */
  public static final SourceStats NONE = new SourceStats(ImmutableSortedMap.of());

  public SourceStats {
    requireNonNull(values, "values");
  }
}
