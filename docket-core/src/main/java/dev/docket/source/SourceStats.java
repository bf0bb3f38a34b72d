package dev.docket.source;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a source says about itself, name to value, as the source reports it (Stenographer's {@code
 * /debug/stats} counters, a store's file count): for operators to read, not for Docket to act on.
 *
 * @param values sorted by name, unmodifiable
 */
public record SourceStats(SortedMap<String, String> values) {
  /** A source that reports nothing. */
  public static final SourceStats NONE = new SourceStats(new TreeMap<>());

  public SourceStats {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** The stats {@code values}, sorted by name. */
  public static SourceStats of(Map<String, String> values) {
    return new SourceStats(new TreeMap<>(values));
  }
}
