package dev.docket.cli;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureWriter;
import dev.docket.pcap.PcapWriter;
import dev.docket.pcap.PcapngWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.pcap.WriteBehindStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The capture a command writes, to standard output or to a file. A regular file is written beside
 * its final name and moved into place only on success, so a failed run never leaves a truncated
 * capture that looks whole. Classic pcap's single link type is taken from the first packet.
 */
final class CaptureSink implements Closeable {
  private final OutputOptions options;
  private final OutputStream out;
  private final @Nullable Path target;
  private final @Nullable Path temporary;
  private @Nullable CaptureWriter writer;
  private @Nullable PcapngWriter pcapng;
  private int linkType = -1;
  private boolean committed;

  private CaptureSink(OutputOptions options, OutputStream out, @Nullable Path target, @Nullable Path temporary) {
    this.options = options;
    this.out = out;
    this.target = target;
    this.temporary = temporary;
  }

  // Every output is written behind: the kernel's copy into the page cache (or the pipe) runs on a
  // thread of its own, beside the reading, filtering and merging.
  static CaptureSink open(OutputOptions options) throws IOException {
    if (options.toStandardOutput()) {
      FileChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel();
      return new CaptureSink(options, WriteBehindStream.start(stdout, Thread::new), null, null);
    }
    Path target = options.file;
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // /dev/null, a FIFO: nothing to replace atomically.
      FileChannel device = FileChannel.open(target, StandardOpenOption.WRITE);
      return new CaptureSink(options, WriteBehindStream.start(device, Thread::new), target, null);
    }
    // Not Files.createTempFile: its 0600 mode would stay on the result; this one gets the umask's.
    Path temporary =
        target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
    FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new CaptureSink(options, WriteBehindStream.start(file, Thread::new), target, temporary);
  }

  /** What the output is called in messages. */
  String name() {
    return target == null ? "standard output" : target.toString();
  }

  /**
   * Appends a packet that came from input number {@code input}.
   *
   * @throws MixedLinkTypesException when classic pcap would have to hold a second link type
   */
  void write(PacketView packet, int input) throws IOException {
    if (options.format == OutputOptions.Format.pcapng) {
      if (pcapng == null) {
        pcapng = PcapngWriter.create(out);
        writer = pcapng;
      }
      pcapng.write(packet, input);
      return;
    }
    if (writer == null) {
      linkType = packet.linkType();
      writer = pcapWriter(linkType);
    } else if (packet.linkType() != linkType) {
      throw new MixedLinkTypesException(linkType, packet.linkType());
    }
    writer.write(packet);
  }

  private CaptureWriter pcapWriter(int linkType) throws IOException {
    return PcapWriter.create(
        out,
        linkType,
        PcapWriter.DEFAULT_SNAP_LENGTH,
        options.nanoseconds ? TimestampPrecision.NANOSECONDS : TimestampPrecision.MICROSECONDS);
  }

  /** Finishes the capture (an empty result is still a valid capture) and moves a file into place. */
  void commit() throws IOException {
    if (writer == null) {
      writer = options.format == OutputOptions.Format.pcapng ? PcapngWriter.create(out) : pcapWriter(LinkType.ETHERNET);
    }
    writer.close();
    if (temporary != null && target != null) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
  }

  /** Discards an uncommitted file; standard output keeps what was written. */
  @Override
  public void close() throws IOException {
    if (committed) {
      return;
    }
    try {
      if (writer != null) {
        writer.close();
      } else {
        out.close();
      }
    } catch (IOException ignoredWhileDiscarding) {
      // The run already failed; its first error is the one to report.
    } finally {
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Classic pcap holds one link type; the inputs have more. */
  static final class MixedLinkTypesException extends IOException {
    private static final long serialVersionUID = 1L;

    MixedLinkTypesException(int first, int other) {
      super("the inputs mix link types " + LinkType.name(first) + " and " + LinkType.name(other)
          + "; classic pcap holds one: use --format pcapng");
    }
  }
}
