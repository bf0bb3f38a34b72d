package dev.docket.stenographer;

import dev.docket.query.And;
import dev.docket.query.Not;
import dev.docket.query.Or;
import dev.docket.query.Query;
import dev.docket.query.Vlan;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The note a query with {@code vlan N} gets from a sensor: on Linux the kernel moves a frame's
 * outermost VLAN tag into AF_PACKET's metadata and stenotype stores the frame without it
 * (google/stenographer#211, open), so no Stenographer can match that tag. Docket's exactness is
 * over what the sensor stored; the analyst must hear that the outer tag is not in it.
 */
public final class StrippedVlanTag {
  private StrippedVlanTag() {}

  /** The one-line note for {@code sensor}, when {@code query} asks for a VLAN id anywhere. */
  public static Optional<String> note(String sensor, Query query) {
    SortedSet<Integer> ids = new TreeSet<>();
    collect(query, ids);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String asked = ids.stream().map(id -> "vlan " + id).collect(Collectors.joining(", "));
    return Optional.of(sensor + ": " + asked + " cannot match a frame's outermost VLAN tag: Stenographer stores frames "
        + "without it, stripped at capture (google/stenographer#211); inner tags (QinQ) are kept");
  }

  private static void collect(Query query, SortedSet<Integer> ids) {
    if (query instanceof Vlan vlan) {
      ids.add(vlan.id());
    } else if (query instanceof Not not) {
      collect(not.operand(), ids);
    } else if (query instanceof And and) {
      collect(and.left(), ids);
      collect(and.right(), ids);
    } else if (query instanceof Or or) {
      collect(or.left(), ids);
      collect(or.right(), ids);
    }
  }
}
