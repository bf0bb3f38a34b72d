package dev.docket.query;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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

  /** Takes {@code query}'s top-level time bounds out into a window. */
  public static Split split(Query query) {
    TimeWindow window = ALL;
    List<Query> rest = new ArrayList<>();
    Deque<Query> pending = new ArrayDeque<>();
    pending.push(query);
    while (!pending.isEmpty()) {
      Query next = pending.pop();
      if (next instanceof And and) {
        pending.push(and.right());
        pending.push(and.left());
      } else if (next instanceof TimeBound bound) {
        window = window.narrowedBy(bound);
      } else {
        rest.add(next);
      }
    }
    Query joined = null;
    for (Query conjunct : rest) {
      joined = joined == null ? conjunct : new And(joined, conjunct);
    }
    return new Split(window, Optional.ofNullable(joined));
  }

  @Override
  public String toString() {
    return "[" + (after == null ? "-inf" : TimeText.format(after)) + ", "
        + (before == null ? "+inf" : TimeText.format(before)) + ")";
  }
}
