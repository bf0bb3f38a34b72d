package dev.docket.filter;

import dev.docket.packet.PacketView;
import dev.docket.query.And;
import dev.docket.query.Direction;
import dev.docket.query.Host;
import dev.docket.query.IpAddress;
import dev.docket.query.IpVersion;
import dev.docket.query.Mpls;
import dev.docket.query.Net;
import dev.docket.query.Not;
import dev.docket.query.Or;
import dev.docket.query.Port;
import dev.docket.query.Proto;
import dev.docket.query.Query;
import dev.docket.query.TimeBound;
import dev.docket.query.Vlan;
import dev.docket.testing.FrameFields;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The query semantics read straight off the README, evaluated on the fields a {@link
 * dev.docket.testing.FrameBuilder} says it put in: no decoding, no compilation, no cleverness.
 */
final class ReferenceEvaluator {
  private ReferenceEvaluator() {}

  static boolean matches(Query query, FrameFields fields, long timestampNanos) {
    if (query instanceof And and) {
      return matches(and.left(), fields, timestampNanos) && matches(and.right(), fields, timestampNanos);
    }
    if (query instanceof Or or) {
      return matches(or.left(), fields, timestampNanos) || matches(or.right(), fields, timestampNanos);
    }
    if (query instanceof Not not) {
      return !matches(not.operand(), fields, timestampNanos);
    }
    if (query instanceof TimeBound bound) {
      return bound.admits(Instant.ofEpochSecond(0, timestampNanos));
    }
    if (query instanceof Host host) {
      return either(host.direction(), fields, host.address()::equals);
    }
    if (query instanceof Net net) {
      return either(net.direction(), fields, net::contains);
    }
    if (query instanceof Port port) {
      if (fields.sourcePort() < 0) {
        return false;
      }
      boolean source = port.low() <= fields.sourcePort() && fields.sourcePort() <= port.high();
      boolean destination =
          port.low() <= fields.destinationPort() && fields.destinationPort() <= port.high();
      return direction(port.direction(), source, destination);
    }
    if (query instanceof Proto proto) {
      return fields.protocol() == proto.number();
    }
    if (query instanceof IpVersion version) {
      return fields.ipVersion() == version.version();
    }
    if (query instanceof Vlan vlan) {
      return recorded(fields.vlanIds()).stream().anyMatch(tag -> tag.value() == vlan.id());
    }
    Mpls mpls = (Mpls) query;
    return recorded(fields.mplsLabels()).stream().anyMatch(tag -> tag.value() == mpls.label());
  }

  private static boolean either(Direction direction, FrameFields fields, Predicate<IpAddress> test) {
    if (fields.ipVersion() == 0 || fields.source() == null || fields.destination() == null) {
      return false;
    }
    return direction(direction, test.test(fields.source()), test.test(fields.destination()));
  }

  private static boolean direction(Direction direction, boolean source, boolean destination) {
    switch (direction) {
      case SRC:
        return source;
      case DST:
        return destination;
      default:
        return source || destination;
    }
  }

  /** A view records only the first tags of each kind; later ones are looked through, unmatched. */
  private static List<FrameFields.Tag> recorded(List<FrameFields.Tag> tags) {
    return tags.subList(0, Math.min(tags.size(), PacketView.RECORDED_TAG_LIMIT));
  }
}
