package dev.docket.pcap;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a classic pcap or pcapng capture, plain or gzip-compressed (told by magic numbers, not
 * names), one packet at a time into a reused {@link PacketView} that points into the reader's single
 * buffer: no per-packet allocation and bounded memory whatever the file size.
 *
 * <p>A damaged file yields every good packet before the damage; then {@link #next()} throws a
 * {@link CorruptCaptureException}. A file that is not a capture at all fails in {@code open}.
 */
public final class CaptureReader implements PacketStream {
  private static final int GZIP_MAGIC = 0x8b1f;
  private static final int GZIP_BUFFER_SIZE = 1 << 16;

  /** The least buffer a reader is given: smaller would only cost system calls. */
  public static final int MIN_BUFFER_BYTES = 4 << 10;

  private final CaptureInput input;
  private final RecordDecoder decoder;
  private final boolean compressed;
  private final PacketView packet = new PacketView();

  private CaptureReader(CaptureInput input, RecordDecoder decoder, boolean compressed) {
    this.input = input;
    this.decoder = decoder;
    this.compressed = compressed;
  }

  /** Opens a capture file, named in errors by its path as given. */
  public static CaptureReader open(Path file) throws IOException {
    return open(file, CaptureInput.DEFAULT_CAPACITY);
  }

  /**
   * Opens a capture file with a buffer of {@code bufferBytes} (at least {@link #MIN_BUFFER_BYTES}),
   * which grows only for a record bigger than it: how many open files share a memory budget.
   */
  public static CaptureReader open(Path file, int bufferBytes) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer start = ByteBuffer.allocate(2);
      channel.read(start, 0);
      if (start.position() == 2 && Short.toUnsignedInt(start.flip().order(ByteOrder.LITTLE_ENDIAN).getShort()) == GZIP_MAGIC) {
        return open(
            ChunkSource.of(gunzip(Channels.newInputStream(channel), file.toString())),
            file.toString(),
            bufferBytes,
            true);
      }
      return open(ChunkSource.of(channel), file.toString(), bufferBytes, false);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /**
   * Reads only some spans of a plain (not compressed) capture file, as if they were the whole
   * file: the spans must hold its header and then whole records, such as the blocks an index chose.
   * Damage is named by its offset in the file.
   *
   * @param spans in ascending order, none overlapping the next
   * @throws IllegalArgumentException when the spans are out of order or overlap
   */
  public static CaptureReader open(Path file, List<ByteSpan> spans) throws IOException {
    return open(file, spans, CaptureInput.DEFAULT_CAPACITY);
  }

  /** {@link #open(Path, List)} with a buffer of {@code bufferBytes}, as {@link #open(Path, int)}. */
  public static CaptureReader open(Path file, List<ByteSpan> spans, int bufferBytes) throws IOException {
    for (int i = 1; i < spans.size(); i++) {
      if (spans.get(i).start() < spans.get(i - 1).end()) {
        throw new IllegalArgumentException("byte spans out of order or overlapping: " + spans.get(i - 1) + " then " + spans.get(i));
      }
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return open(new RangedChunkSource(channel, List.copyOf(spans)), file.toString(), bufferBytes, false);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /**
   * Reads a capture from a stream, such as standard input.
   *
   * @param name how errors name the stream, such as "stdin"
   */
  public static CaptureReader open(InputStream stream, String name) throws IOException {
    return open(stream, name, CaptureInput.DEFAULT_CAPACITY);
  }

  /** {@link #open(InputStream, String)} with a buffer of {@code bufferBytes}, as {@link #open(Path, int)}. */
  public static CaptureReader open(InputStream stream, String name, int bufferBytes) throws IOException {
    PushbackInputStream pushback = new PushbackInputStream(stream, 2);
    try {
      byte[] start = pushback.readNBytes(2);
      pushback.unread(start);
      boolean gzip =
          start.length == 2 && (Byte.toUnsignedInt(start[0]) | Byte.toUnsignedInt(start[1]) << 8) == GZIP_MAGIC;
      InputStream source = gzip ? gunzip(pushback, name) : pushback;
      return open(ChunkSource.of(source), name, bufferBytes, gzip);
    } catch (IOException | RuntimeException e) {
      closeQuietly(pushback, e);
      throw e;
    }
  }

  /**
   * Reads a capture from a channel, such as a network response body.
   *
   * @param name how errors name the channel
   */
  public static CaptureReader open(ReadableByteChannel channel, String name) throws IOException {
    return open(Channels.newInputStream(channel), name);
  }

  private static CaptureReader open(ChunkSource source, String name, int bufferBytes, boolean compressed)
      throws IOException {
    CaptureInput input =
        new CaptureInput(name, source, PcapngDecoder.MAX_BLOCK_SIZE, Math.max(MIN_BUFFER_BYTES, bufferBytes));
    try {
      return new CaptureReader(input, decoderFor(input), compressed);
    } catch (IOException | RuntimeException e) {
      closeQuietly(input, e);
      throw e;
    }
  }

  private static RecordDecoder decoderFor(CaptureInput input) throws IOException {
    if (!input.request(4)) {
      throw input.corrupt(0, "not a pcap or pcapng file (only " + input.available() + " bytes)");
    }
    int magic = input.buffer().getInt(input.position());
    if (magic == PcapngDecoder.SECTION_HEADER) {
      return PcapngDecoder.open(input);
    }
    if (PcapDecoder.recognizes(magic)) {
      return PcapDecoder.open(input);
    }
    throw input.corrupt(0, "not a pcap or pcapng file");
  }

  private static InputStream gunzip(InputStream compressed, String name) throws IOException {
    try {
      return new GZIPInputStream(compressed, GZIP_BUFFER_SIZE);
    } catch (ZipException | EOFException e) {
      throw new CorruptCaptureException(name, 0, "bad gzip header: " + e.getMessage());
    }
  }

  private static void closeQuietly(Closeable closeable, Throwable failure) {
    try {
      closeable.close();
    } catch (IOException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  /** The file name, or the display name given for a stream. */
  public String name() {
    return input.name();
  }

  public CaptureFormat format() {
    return decoder.format();
  }

  /** Whether the capture is gzip-compressed, so that {@link #bytesRead()} counts uncompressed bytes. */
  public boolean compressed() {
    return compressed;
  }

  /** How far into the (uncompressed) capture reading has got, for progress reports. */
  public long bytesRead() {
    return input.offset();
  }

  @Override
  public boolean next() throws IOException {
    return decoder.next(packet);
  }

  @Override
  public PacketView packet() {
    return packet;
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
