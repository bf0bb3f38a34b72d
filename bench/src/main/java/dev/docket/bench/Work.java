package dev.docket.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the passes of one iteration read, reported by JMH beside the score as rates normalized like
 * it: in the benchmarks' throughput mode, {@code bytes} is capture bytes per second and {@code
 * packets} packets per second (JMH labels both "ops/s").
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Work {
  /** Capture file bytes read, headers included: comparable with tcpdump's file size / time. */
  public long bytes;

  /** Packets read, matching or not. */
  public long packets;

  @Setup(Level.Iteration)
  public void clear() {
    bytes = 0;
    packets = 0;
  }
}
