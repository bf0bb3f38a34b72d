package dev.docket.synthetic;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSet;
import dev.docket.packet.LinkType;
import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One stretch of a site's traffic, [start, end): the ordinary mix of {@link SyntheticTraffic} among
 * the hosts of {@code siteSeed}, its conversations drawn from {@code streamSeed}, with the asked
 * {@link Incident}s mixed in at their offsets. Stretches of one site with different stream seeds
 * are different traffic between the same hosts, so a long capture can be made, or made up later,
 * one stretch at a time (a demo's store, a minute per file) and each stretch is the same bytes
 * whenever it is made. Timestamps never decrease; packets at or after {@code end} are left out.
 */
public final class SiteTraffic implements PacketStream {
  private final SyntheticTraffic ordinary;
  private final Incidents incidents;
  private final IncidentHosts incidentHosts;
  private final long endNanos;
  private boolean started;
  private boolean ordinaryReady;
  private boolean incidentReady;
  private @Nullable PacketView current;

  public SiteTraffic(
      long siteSeed, long streamSeed, Instant start, Instant end, double packetsPerSecond, Set<Incident> incidents) {
    checkArgument(end.isAfter(start), "the stretch [%s, %s) is empty", start, end);
    // Never reached: the end of the stretch stops the stream.
    TrafficSpec spec =
        new TrafficSpec(siteSeed, start, Duration.ZERO, Long.MAX_VALUE - 1, TrafficSpec.UNLIMITED)
            .withPacketsPerSecond(packetsPerSecond);
    this.ordinary = new SyntheticTraffic(spec, streamSeed);
    this.incidentHosts = IncidentHosts.of(ordinary.hosts());
    this.endNanos = nanos(end);
    this.incidents = new Incidents(ordinary.hosts(), nanos(start), ImmutableSet.copyOf(incidents), new SplittableRandom(~streamSeed));
  }

  /** Who takes part in the incidents of the site of {@code siteSeed}. */
  public static IncidentHosts incidentHosts(long siteSeed) {
    return IncidentHosts.of(HostPool.generate(new SplittableRandom(siteSeed)));
  }

  public IncidentHosts incidentHosts() {
    return incidentHosts;
  }

  @Override
  public boolean next() {
    if (!started) {
      started = true;
      advanceOrdinary();
      advanceIncidents();
    } else if (current == ordinary.packet()) {
      advanceOrdinary();
    } else if (current != null) {
      advanceIncidents();
    }
    if (ordinaryReady && (!incidentReady || ordinary.packet().timestampNanos() <= incidents.packet().timestampNanos())) {
      current = ordinary.packet();
    } else if (incidentReady) {
      current = incidents.packet();
    } else {
      current = null;
    }
    return current != null;
  }

  private void advanceOrdinary() {
    ordinaryReady = ordinary.next() && ordinary.packet().timestampNanos() < endNanos;
  }

  private void advanceIncidents() {
    incidentReady = incidents.next() && incidents.packet().timestampNanos() < endNanos;
  }

  @Override
  public PacketView packet() {
    PacketView packet = current;
    if (packet == null) {
      throw new IllegalStateException("no packet: next() returned false or was not called");
    }
    return packet;
  }

  @Override
  public void close() {
    ordinary.close();
    current = null;
    ordinaryReady = false;
    incidentReady = false;
  }

  private static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /** The incidents' frames in time order, each incident paced by its own gap with some jitter. */
  private static final class Incidents {
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<Incident> kinds = new ArrayList<>();
    private final long[] due;
    private final SplittableRandom random;
    private final FrameWriter writer = new FrameWriter();
    private final ByteBuffer buffer = ByteBuffer.wrap(writer.bytes());
    private final PacketView view = new PacketView();

    Incidents(HostPool hosts, long startNanos, Set<Incident> asked, SplittableRandom random) {
      this.random = random;
      IncidentHosts who = IncidentHosts.of(hosts);
      for (Incident incident : Incident.values()) {
        if (!asked.contains(incident)) {
          continue;
        }
        kinds.add(incident);
        conversations.add(
            switch (incident) {
              case PORT_SCAN -> {
                Host scanner = new Host(who.scanner(), 0x3C22FB_0A0B0CL, Subnet.ALL.indexOf(subnetOf(who.scanner())), 64);
                yield new PortScan(new Flow(scanner, hosts.inSubnetByActivity(0, 0), new LinkEncapsulation.Untagged(), random), random);
              }
              case DNS_TUNNEL -> {
                Host client = hosts.quietestIn(1);
                yield new DnsTunnel(
                    new Flow(client, hosts.inSubnetByActivity(0, 1), new LinkEncapsulation.Vlan(Subnet.ALL.get(1).vlanId(), 0), random),
                    250,
                    random);
              }
            });
      }
      this.due = new long[kinds.size()];
      for (int i = 0; i < due.length; i++) {
        due[i] = startNanos + kinds.get(i).offsetNanos;
      }
    }

    private static Subnet subnetOf(dev.docket.query.IpAddress address) {
      for (Subnet subnet : Subnet.ALL) {
        if (new dev.docket.query.Net(dev.docket.query.Direction.EITHER, subnet.network(), subnet.prefixLength()).contains(address)) {
          return subnet;
        }
      }
      throw new IllegalArgumentException(address + " is in none of the site's networks");
    }

    boolean next() {
      int next = -1;
      for (int i = 0; i < due.length; i++) {
        if (!conversations.get(i).finished() && (next < 0 || due[i] < due[next])) {
          next = i;
        }
      }
      if (next < 0) {
        return false;
      }
      long timestamp = due[next];
      int length = conversations.get(next).writeNext(writer, timestamp);
      // Between half and one and a half of the gap: regular enough to look scripted, as tools are.
      due[next] += (long) (kinds.get(next).frameGapNanos * (0.5 + random.nextDouble()));
      view.reset(buffer, 0, length, length, timestamp, LinkType.ETHERNET, 0);
      return true;
    }

    PacketView packet() {
      return view;
    }
  }
}
