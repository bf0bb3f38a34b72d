package dev.docket;

import dev.docket.packet.PacketView;
import dev.docket.source.PacketSource;
import dev.docket.source.ScanProgress;

/**
 * Watches one run as it goes, for a job's status or a summary of the result: each source's progress
 * apart, and each packet as it is written. Every method has a default that does nothing.
 */
public interface RunListener {
  /** A listener that watches nothing. */
  RunListener NONE = new RunListener() {};

  /**
   * Where {@code source}'s progress goes; asked once per source as the run starts, and then told
   * from that source's thread (see {@link ScanProgress}).
   */
  default ScanProgress progressOf(PacketSource source) {
    return ScanProgress.NONE;
  }

  /**
   * A packet of the result has just been written, on the run's own thread and in the result's
   * order. It may {@link QueryRun#finish finish} the run (a limit, a disk filling up). Keep it
   * cheap: it runs once a packet.
   *
   * @param packet valid only during this call
   */
  default void written(PacketView packet) {}
}
