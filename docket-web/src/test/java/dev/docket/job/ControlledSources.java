package dev.docket.job;

import dev.docket.source.PacketSource;
import java.util.Optional;

/**
 * docket-core's test {@code ControlledSource} (a real store that fails or holds on command), opened
 * to the web server's tests, which live in another package.
 */
public final class ControlledSources {
  private final ControlledSource source;

  private ControlledSources(ControlledSource source) {
    this.source = source;
  }

  public static ControlledSources over(String name, PacketSource real) {
    return new ControlledSources(new ControlledSource(name, real));
  }

  public PacketSource source() {
    return source;
  }

  /** Every answer from now on fails at once with {@code message}. */
  public void fail(String message) {
    source.failWith(Optional.of(message));
  }

  /** Every answer from now on waits before its first packet until released or closed. */
  public void hold() {
    source.hold();
  }

  public void release() {
    source.release();
  }

  /** How many answers are open now: 0 once a cancelled query has closed its source. */
  public int open() {
    return source.open.get();
  }
}
