package dev.docket.synthetic;

import java.util.SplittableRandom;

/** Client source ports, from Linux's default ephemeral range (net.ipv4.ip_local_port_range). */
final class EphemeralPorts {
  private static final int FIRST = 32768;
  private static final int LAST = 60999;

  private EphemeralPorts() {}

  static int pick(SplittableRandom random) {
    return random.nextInt(FIRST, LAST + 1);
  }
}
