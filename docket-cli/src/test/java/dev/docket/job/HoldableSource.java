package dev.docket.job;

import dev.docket.source.PacketSource;
import java.util.Optional;

/**
 * docket-core's {@code ControlledSource} (a real store that fails or holds on command), opened to
 * the CLI's tests in another package: the same source, not a copy of it.
 */
public final class HoldableSource {
  private final ControlledSource source;

  public HoldableSource(String name, PacketSource real) {
    this.source = new ControlledSource(name, real);
  }

  public PacketSource source() {
    return source;
  }

  /** Every answer from now on fails at once with {@code message}; empty: answers again. */
  public void failWith(Optional<String> message) {
    source.failWith(message);
  }

  /** Every answer from now on waits before its first packet until released or closed. */
  public void hold() {
    source.hold();
  }

  /** Lets every answer through, now and from now on. */
  public void release() {
    source.release();
  }
}
