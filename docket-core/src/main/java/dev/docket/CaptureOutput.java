package dev.docket;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureWriter;
import dev.docket.pcap.PcapWriter;
import dev.docket.pcap.PcapngWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.pcap.WriteBehindStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * One run's output, opened from its {@link CaptureSink}: the capture writer in the chosen format,
 * and for a file, the temporary file moved into place by {@link #commit()}. Closing without a
 * commit discards a file's partial result. Every failure is an {@link OutputException} naming the
 * output.
 */
final class CaptureOutput implements Closeable {
  private final CaptureSink sink;
  private final OutputFormat format;
  /** Null for a sink of packets; {@link #abandon()} closes what it writes to from another thread. */
  private final @Nullable WriteBehindStream out;
  private final @Nullable Path target;
  private final @Nullable Path temporary;
  private @Nullable CaptureWriter writer;
  private @Nullable PcapngWriter pcapng;
  private int linkType = -1;
  private boolean committed;

  private CaptureOutput(
      CaptureSink sink,
      OutputFormat format,
      @Nullable WriteBehindStream out,
      @Nullable Path target,
      @Nullable Path temporary) {
    this.sink = sink;
    this.format = format;
    this.out = out;
    this.target = target;
    this.temporary = temporary;
  }

  /**
   * Opens the sink. Captures are written behind, on a thread from {@code threads}: the kernel's copy
   * into the page cache (or a pipe) runs beside the reading, filtering and merging.
   */
  static CaptureOutput open(CaptureSink sink, OutputFormat format, ThreadFactory threads) throws OutputException {
    try {
      if (sink instanceof CaptureSink.ToPackets) {
        return new CaptureOutput(sink, format, null, null, null);
      }
      if (sink instanceof CaptureSink.ToStream toStream) {
        if (toStream.stream() instanceof FileOutputStream file) {
          return new CaptureOutput(sink, format, WriteBehindStream.start(file.getChannel(), threads), null, null);
        }
        return new CaptureOutput(sink, format, WriteBehindStream.start(toStream.stream(), threads), null, null);
      }
      Path target = ((CaptureSink.ToFile) sink).path();
      if (Files.exists(target) && !Files.isRegularFile(target)) {
        // /dev/null, a FIFO: nothing to replace atomically.
        FileChannel device = FileChannel.open(target, StandardOpenOption.WRITE);
        return new CaptureOutput(sink, format, WriteBehindStream.start(device, threads), target, null);
      }
      // Not Files.createTempFile: its 0600 mode would stay on the result; this one gets the umask's.
      Path temporary =
          target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".partial");
      FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        return new CaptureOutput(sink, format, WriteBehindStream.start(file, threads), target, temporary);
      } catch (RuntimeException | Error cannotStart) {
        // Out of (direct) memory for the write-behind buffers: no partial file stays behind.
        file.close();
        Files.deleteIfExists(temporary);
        throw cannotStart;
      }
    } catch (IOException cannotOpen) {
      throw failure(sink, cannotOpen);
    }
  }

  /**
   * Whether {@link #write} uses the interface id: pcapng and a packet consumer do; classic pcap has
   * no interfaces, so a run need not number them for it.
   */
  boolean usesInterfaces() {
    return format == OutputFormat.PCAPNG || sink instanceof CaptureSink.ToPackets;
  }

  /** Appends a packet recorded on the result's interface {@code interfaceId}. */
  void write(PacketView packet, int interfaceId) throws OutputException {
    try {
      if (sink instanceof CaptureSink.ToPackets toPackets) {
        toPackets.consumer().accept(packet, interfaceId);
      } else if (format == OutputFormat.PCAPNG) {
        PcapngWriter started = pcapng;
        if (started == null) {
          started = pcapng = PcapngWriter.create(stream());
          writer = started;
        }
        started.write(packet, interfaceId);
      } else {
        CaptureWriter started = writer;
        if (started == null) {
          linkType = packet.linkType();
          started = writer = pcapWriter(linkType);
        } else if (packet.linkType() != linkType) {
          throw new UnwritablePacketException(
              "writing " + sink.name() + ": the result mixes link types " + LinkType.name(linkType) + " and "
                  + LinkType.name(packet.linkType()) + ", and classic pcap holds one");
        }
        started.write(packet);
      }
    } catch (IllegalArgumentException unwritable) {
      // The format cannot hold the packet (a time past 2106, a packet over the snapshot length).
      throw new UnwritablePacketException("writing " + sink.name() + ": " + unwritable.getMessage());
    } catch (OutputException known) {
      throw known;
    } catch (IOException failed) {
      throw failure(sink, failed);
    }
  }

  private OutputStream stream() {
    OutputStream stream = out;
    if (stream == null) {
      throw new IllegalStateException("a packet sink has no stream");
    }
    return stream;
  }

  private CaptureWriter pcapWriter(int linkType) throws IOException {
    return PcapWriter.create(
        stream(),
        linkType,
        PcapWriter.DEFAULT_SNAP_LENGTH,
        format == OutputFormat.PCAP_NANOSECONDS ? TimestampPrecision.NANOSECONDS : TimestampPrecision.MICROSECONDS);
  }

  /** Finishes the capture (an empty result is still a valid capture) and moves a file into place. */
  void commit() throws OutputException {
    try {
      if (out != null) {
        CaptureWriter finishing = writer;
        if (finishing == null) {
          finishing = writer = format == OutputFormat.PCAPNG ? PcapngWriter.create(stream()) : pcapWriter(LinkType.ETHERNET);
        }
        finishing.close();
      }
      if (temporary != null && target != null) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      committed = true;
    } catch (IOException failed) {
      throw failure(sink, failed);
    }
  }

  /**
   * Gives the output up, from any thread: closes what it writes to, which wakes a write blocked
   * there (a pipe or a client that stopped reading) and makes every later write fail. The run's
   * thread then discards the output as it closes it.
   */
  void abandon() {
    WriteBehindStream writing = out;
    if (writing != null) {
      try {
        writing.closeChannel();
      } catch (IOException ignored) {
        // Giving up: nothing more is to be written, and the run reports how it ended.
      }
    }
  }

  /** Discards an uncommitted file; a stream keeps what was written, and is closed. */
  @Override
  public void close() throws IOException {
    if (committed) {
      return;
    }
    try {
      if (writer != null) {
        writer.close();
      } else if (out != null) {
        out.close();
      }
    } catch (IOException ignoredWhileDiscarding) {
      // The run already failed or was cancelled; its first error is the one to report.
    } finally {
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  private static OutputException failure(CaptureSink sink, IOException failed) {
    String message = failed.getMessage();
    Path parent = sink instanceof CaptureSink.ToFile file ? file.path().toAbsolutePath().getParent() : null;
    if (failed instanceof NoSuchFileException && parent != null && !Files.isDirectory(parent)) {
      // Not the temporary file's name, which the user never gave.
      message = "the directory " + parent + " does not exist";
    } else if (message != null && message.contains("No space left on device")) {
      message = "no space left on the device; free some space or write elsewhere";
    } else if (message == null) {
      message = failed.getClass().getSimpleName();
    }
    return new OutputException("writing " + sink.name() + ": " + message, failed);
  }
}
