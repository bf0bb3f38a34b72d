package dev.docket.source;

import dev.docket.packet.PacketStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.jspecify.annotations.Nullable;

/**
 * One source's part of a fan-out, as the merge sees it: its packets, and how its answer ended.
 * Either read on a thread of its own ({@link SourceReader}) or, when it is the only source, on the
 * merging thread itself ({@link DirectSource}).
 */
sealed interface SourcePart permits SourceReader, DirectSource {
  String sourceName();

  /** The source's packets that the plan's residual filter keeps, for the merge; read by one thread. */
  PacketStream packets();

  /** Asks the source to stop answering; safe from any thread. */
  void cancel();

  /** How the source's part ended; final once {@link #packets()} has ended. */
  SourceOutcome outcome();

  /**
   * The failure that ended a source's reading, in its name; null when it was cancelled, which
   * explains the end.
   */
  static @Nullable SourceException failure(String source, Exception e, boolean cancelled) {
    if (e instanceof SourceException known) {
      return known;
    }
    if (e instanceof InterruptedException || e instanceof InterruptedIOException) {
      return cancelled ? null : new SourceException(source, "interrupted");
    }
    if (cancelled) {
      return null; // closing the source's stream under a read makes the read fail
    }
    if (e instanceof IOException) {
      return new SourceException(source, String.valueOf(e.getMessage()), e);
    }
    // A bug in one source must not take the others down; the message says what to report.
    return new SourceException(source, "failed unexpectedly (a bug; please report it): " + e, e);
  }
}
