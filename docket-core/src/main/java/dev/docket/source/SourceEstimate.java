package dev.docket.source;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What a source expects a query to cost before it runs, from what it knows without reading packets
 * (a store's catalog and index); each number is empty when the source cannot tell (a sensor,
 * whose cost only the query's time window suggests).
 *
 * @param source the source's name
 * @param files the files (or other units) the query would open
 * @param bytes the bytes it would read
 * @param packetsAtMost no more packets than this can match
 */
public record SourceEstimate(String source, OptionalLong files, OptionalLong bytes, OptionalLong packetsAtMost) {
  public SourceEstimate {
    requireNonNull(source, "source");
    requireNonNull(files, "files");
    requireNonNull(bytes, "bytes");
    requireNonNull(packetsAtMost, "packetsAtMost");
  }

  /** A source that cannot tell what a query costs. */
  public static SourceEstimate unknown(String source) {
    return new SourceEstimate(source, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  /** A source that knows: {@code files} files, {@code bytes} to read, at most {@code packets} matches. */
  public static SourceEstimate of(String source, long files, long bytes, long packets) {
    return new SourceEstimate(source, OptionalLong.of(files), OptionalLong.of(bytes), OptionalLong.of(packets));
  }

  /** Whether the source knows how many bytes the query reads. */
  public boolean isKnown() {
    return bytes.isPresent();
  }
}
