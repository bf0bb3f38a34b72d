package dev.docket;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where a run's result goes: a capture file, any output stream, or a consumer of packets. A file is
 * written whole or not at all: it is written beside its name and moved into place only when the run
 * succeeds (a device such as {@code /dev/null} or a FIFO is written directly).
 */
public sealed interface CaptureSink {
  /** A capture file at {@code path}, which appears only when the run succeeds. */
  static CaptureSink toFile(Path path) {
    return new ToFile(path);
  }

  /**
   * A capture written to {@code stream}, which the run closes when it ends.
   *
   * @param name what messages call the stream, such as "standard output"
   */
  static CaptureSink toStream(OutputStream stream, String name) {
    return new ToStream(stream, name);
  }

  /** The result's packets, handed to {@code consumer} one by one in time order. */
  static CaptureSink toPackets(PacketConsumer consumer) {
    return new ToPackets(consumer);
  }

  /** What messages call the output. */
  String name();

  /** A capture file, written atomically. */
  record ToFile(Path path) implements CaptureSink {
    public ToFile {
      requireNonNull(path, "path");
    }

    @Override
    public String name() {
      return path.toString();
    }
  }

  /** A capture written to a stream (standard output, an HTTP response). */
  record ToStream(OutputStream stream, String name) implements CaptureSink {
    public ToStream {
      requireNonNull(stream, "stream");
      requireNonNull(name, "name");
    }
  }

  /** Packets handed to a consumer. */
  record ToPackets(PacketConsumer consumer) implements CaptureSink {
    public ToPackets {
      requireNonNull(consumer, "consumer");
    }

    @Override
    public String name() {
      return "the packet consumer";
    }
  }
}
