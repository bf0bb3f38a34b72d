package dev.docket.job;

import dev.docket.source.PacketSource;
import java.util.Optional;

/**
 * docket-core's {@code ControlledSource} (a real store that fails or holds on command), opened to
 * the web server's tests in another package: the same source, not a copy of it.
 */
public final class SharedControlledSource {
  private final ControlledSource source;

  public SharedControlledSource(String name, PacketSource real) {
    this.source = new ControlledSource(name, real);
  }

  /** The source to serve. */
  public PacketSource source() {
    return source;
  }

  /** Every answer from now on fails at once with {@code message}. */
  public void failWith(String message) {
    source.failWith(Optional.of(message));
  }

  /** Every answer from now on waits before its first packet until released or closed. */
  public void hold() {
    source.hold();
  }

  /** Lets every answer through, now and from now on. */
  public void release() {
    source.release();
  }

  /** How many of its answers are open now: 0 once every query asked of it has closed it. */
  public int open() {
    return source.open.get();
  }
}
