package dev.docket.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A query in Stenographer's dialect and what was relaxed to write it. Stenographer returns a superset
 * of the Docket query's packets; when anything was relaxed, a residual filter must trim them.
 *
 * @param text the query to send to Stenographer
 * @param relaxed what Stenographer cannot express, in words, each once; empty when the text is exact
 */
public record StenographerQuery(String text, List<String> relaxed) {
  public StenographerQuery {
    requireNonNull(text, "text");
    relaxed = List.copyOf(relaxed);
  }

  /** Whether Stenographer's answer must pass the full query again to be exact. */
  public boolean needsResidualFilter() {
    return !relaxed.isEmpty();
  }
}
