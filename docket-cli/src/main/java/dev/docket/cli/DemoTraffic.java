package dev.docket.cli;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import dev.docket.synthetic.Incident;
import dev.docket.synthetic.IncidentHosts;
import dev.docket.synthetic.SiteTraffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What the demo's store holds: for each minute of the clock, the same site's traffic (the hosts of
 * seed 1, the README's), its conversations drawn from the minute, at {@link #PACKETS_PER_SECOND};
 * a port scan in every minute ending in 3 and a DNS tunnel in every minute ending in 7, so the last
 * quarter of an hour always holds one of each. A minute is the same bytes whenever it is made, so
 * the store can be made up later minute by minute.
 */
final class DemoTraffic {
  static final long SITE_SEED = 1;
  /** About 300 KB a minute, 55 MB for the default three hours: made in a second, and enough to find things in. */
  static final double PACKETS_PER_SECOND = 10;
  static final Duration MINUTE = Duration.ofMinutes(1);
  /** Bumped when the schedule below changes, so a cached store made by another one is made again. */
  private static final int SCHEDULE = 1;

  private DemoTraffic() {}

  /** The minute that begins at {@code start} (a whole minute). */
  static SiteTraffic minute(Instant start) {
    long minute = Math.floorDiv(start.getEpochSecond(), 60);
    return new SiteTraffic(SITE_SEED, Hashing.murmur3_128().hashLong(minute).asLong(), start, start.plus(MINUTE), PACKETS_PER_SECOND, incidents(minute));
  }

  static Set<Incident> incidents(long epochMinute) {
    Set<Incident> incidents = EnumSet.noneOf(Incident.class);
    if (epochMinute % 10 == 3) {
      incidents.add(Incident.PORT_SCAN);
    }
    if (epochMinute % 10 == 7) {
      incidents.add(Incident.DNS_TUNNEL);
    }
    return incidents;
  }

  static IncidentHosts hosts() {
    return SiteTraffic.incidentHosts(SITE_SEED);
  }

  /**
   * Names the generator: the schedule and rate, and a checksum of every class of docket-synthetic
   * as this JVM loads them (from the jar's entries, or from a build's classes directory), so a
   * store made by another generator is made again.
   */
  static String version() {
    Hasher hasher = Hashing.sha256().newHasher();
    hasher.putInt(SCHEDULE).putLong(SITE_SEED).putDouble(PACKETS_PER_SECOND);
    CodeSource code = SiteTraffic.class.getProtectionDomain().getCodeSource();
    try {
      Path location = Path.of(code.getLocation().toURI());
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location.resolve("dev/docket/synthetic"))) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            hasher.putString(location.relativize(file).toString(), StandardCharsets.UTF_8).putBytes(Files.readAllBytes(file));
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          List<JarEntry> entries = new java.util.ArrayList<>();
          for (Enumeration<JarEntry> all = jar.entries(); all.hasMoreElements(); ) {
            JarEntry entry = all.nextElement();
            if (entry.getName().startsWith("dev/docket/synthetic/")) {
              entries.add(entry);
            }
          }
          entries.sort(java.util.Comparator.comparing(JarEntry::getName));
          // The CRC the jar keeps of each class: no class need be read to tell a change.
          entries.forEach(entry -> hasher.putString(entry.getName(), StandardCharsets.UTF_8).putLong(entry.getCrc()));
        }
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    } catch (URISyntaxException | RuntimeException unknown) {
      // No location to read (a custom class loader): the generator is known by its schedule alone.
    }
    return "docket-synthetic " + hasher.hash();
  }
}
