package dev.docket.query;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The half-open window {@code [after, before)} a query's top-level time bounds describe; a missing
 * end is open. Sources use it to choose files, and BPF (which knows no time) to drop the bounds.
 */
public record TimeWindow(@Nullable Instant after, @Nullable Instant before) {
  /** No bound on either side. */
  public static final TimeWindow ALL = new TimeWindow(null, null);

  /** Whether {@code timestamp} lies in the window: at or after {@code after}, strictly before {@code before}. */
  public boolean contains(Instant timestamp) {
    return (after == null || !timestamp.isBefore(after))
        && (before == null || timestamp.isBefore(before));
  }

  /** Whether no instant can lie in the window. */
  public boolean isEmpty() {
    return after != null && before != null && !after.isBefore(before);
  }

  /** The narrower of this window and {@code bound}. */
  TimeWindow narrowedBy(TimeBound bound) {
    Instant at = bound.instant();
    if (bound.side() == TimeBound.Side.AFTER) {
      return new TimeWindow(after == null || at.isAfter(after) ? at : after, before);
    }
    return new TimeWindow(after, before == null || at.isBefore(before) ? at : before);
  }

  /**
   * A query taken apart into the window of its top-level {@code and}-ed time bounds and the rest.
   * Time bounds nested under {@code or} or {@code not} stay in the rest.
   */
  public record Split(TimeWindow window, Optional<Query> rest) {}

  /** Takes {@code query}'s top-level time bounds out into a window; the rest keeps its shape. */
  public static Split split(Query query) {
    Splitting splitting = new Splitting();
    Optional<Query> rest = splitting.withoutTopLevelTime(query);
    return new Split(splitting.window, rest);
  }

  /** One split: walks the top-level {@code and} tree, narrowing the window at each time bound. */
  private static final class Splitting {
    private TimeWindow window = ALL;

    Optional<Query> withoutTopLevelTime(Query query) {
      if (query instanceof TimeBound bound) {
        window = window.narrowedBy(bound);
        return Optional.empty();
      }
      if (!(query instanceof And and)) {
        return Optional.of(query);
      }
      Optional<Query> left = withoutTopLevelTime(and.left());
      Optional<Query> right = withoutTopLevelTime(and.right());
      if (left.isEmpty()) {
        return right;
      }
      return right.isEmpty() ? left : Optional.of(new And(left.get(), right.get()));
    }
  }

  @Override
  public String toString() {
    return "[" + (after == null ? "-inf" : TimeText.format(after)) + ", "
        + (before == null ? "+inf" : TimeText.format(before)) + ")";
  }
}
