package dev.docket.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.docket.packet.LinkType;
import dev.docket.pcap.PcapWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.synthetic.SiteTraffic;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The demo's store: one pcap file per minute of the last {@code span}, named as {@code tcpdump -G 60
 * -w docket-%Y%m%d%H%M%S.pcap} names them, the newest one growing as the clock runs, as on a sensor.
 *
 * <p>{@link #fill} brings a store left by an earlier run up to now: a store of another generator
 * is emptied, the minutes that have fallen out of the span are deleted, the missing ones are made
 * (whole, under a temporary name, then moved into place), and the newest file left, which the
 * earlier run may have stopped writing mid-minute, is made again. {@link #append} then writes the
 * current minute's packets as their time comes, and starts the next file each minute.
 */
final class DemoStore implements Closeable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final String PREFIX = "docket-";
  private static final String SUFFIX = ".pcap";
  /** Names the generator the files were made by. */
  static final String GENERATOR_FILE = ".docket-demo-generator";

  private final Path directory;
  private final Duration span;
  private final String generator;
  private @Nullable Growing growing;

  DemoStore(Path directory, Duration span, String generator) {
    checkArgument(span.compareTo(DemoTraffic.MINUTE) >= 0, "a span of %s holds no whole minute", span);
    this.directory = directory;
    this.span = span;
    this.generator = generator;
  }

  Path directory() {
    return directory;
  }

  /** What {@link #fill} did. */
  record Filled(int made, int kept, int deleted) {}

  /** Makes the store hold every whole minute of the span before {@code now}; see the class comment. */
  Filled fill(Instant now) throws IOException {
    Files.createDirectories(directory);
    Path generatorFile = directory.resolve(GENERATOR_FILE);
    int deleted = 0;
    if (!generator.equals(readGenerator(generatorFile))) {
      deleted += deleteAll();
      Files.writeString(generatorFile, generator + "\n", StandardCharsets.UTF_8);
    }
    Instant current = now.truncatedTo(ChronoUnit.MINUTES);
    Instant first = current.minus(span);
    TreeMap<Instant, Path> files = minuteFiles();
    for (var file : List.copyOf(files.entrySet())) {
      if (file.getKey().isBefore(first) || !file.getKey().isBefore(current)) {
        // Fallen out of the span, or the current minute, which append writes from its start.
        Files.deleteIfExists(file.getValue());
        files.remove(file.getKey());
        deleted++;
      }
    }
    if (!files.isEmpty()) {
      // The newest file may have been cut off mid-minute when the run that wrote it stopped.
      Files.delete(files.pollLastEntry().getValue());
    }
    int made = 0;
    for (Instant minute = first; minute.isBefore(current); minute = minute.plus(DemoTraffic.MINUTE)) {
      if (!files.containsKey(minute)) {
        writeWhole(minute);
        made++;
      }
    }
    return new Filled(made, files.size(), deleted);
  }

  /**
   * Writes the current minute's packets up to {@code now} to its file, and flushes them; the files of
   * minutes that ended meanwhile are finished first, and files that have fallen out of the span are
   * deleted. Call with a clock that does not go back.
   */
  void append(Instant now) throws IOException {
    Instant current = now.truncatedTo(ChronoUnit.MINUTES);
    Growing file = growing;
    while (file == null || file.minute.isBefore(current)) {
      if (file != null) {
        file.writeUntil(file.minute.plus(DemoTraffic.MINUTE));
        file.close();
        Instant next = file.minute.plus(DemoTraffic.MINUTE);
        if (next.isBefore(current)) {
          // The clock jumped (a suspended laptop): make the minutes missed whole.
          growing = null;
          for (Instant minute = next; minute.isBefore(current); minute = minute.plus(DemoTraffic.MINUTE)) {
            writeWhole(minute);
          }
        }
        deleteOlderThan(current.minus(span));
      }
      file = new Growing(current, fileOf(current));
      growing = file;
    }
    file.writeUntil(now);
  }

  /** The minute files there are, by minute; others (the catalog, anything else) are left alone. */
  TreeMap<Instant, Path> minuteFiles() throws IOException {
    TreeMap<Instant, Path> files = new TreeMap<>();
    try (Stream<Path> listed = Files.list(directory)) {
      for (Path file : listed.toList()) {
        minuteOf(file).ifPresent(minute -> files.put(minute, file));
      }
    }
    return files;
  }

  private static Optional<Instant> minuteOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(STAMP.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()))));
    } catch (DateTimeParseException notOurs) {
      return Optional.empty();
    }
  }

  private Path fileOf(Instant minute) {
    return directory.resolve(PREFIX + STAMP.format(minute) + SUFFIX);
  }

  private static @Nullable String readGenerator(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException none) {
      return null;
    }
  }

  /** Deletes the minute files and the store's catalog and indexes: a new generator, a new store. */
  private int deleteAll() throws IOException {
    int deleted = 0;
    for (Path file : minuteFiles().values()) {
      Files.deleteIfExists(file);
      deleted++;
    }
    try (Stream<Path> listed = Files.list(directory)) {
      for (Path file : listed.filter(file -> file.getFileName().toString().startsWith(".docket-catalog")).toList()) {
        com.google.common.io.MoreFiles.deleteRecursively(file, com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE);
      }
    }
    return deleted;
  }

  private void deleteOlderThan(Instant first) throws IOException {
    for (Path file : minuteFiles().headMap(first).values()) {
      Files.deleteIfExists(file);
    }
  }

  private void writeWhole(Instant minute) throws IOException {
    Path file = fileOf(minute);
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
        PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET, PcapWriter.DEFAULT_SNAP_LENGTH, TimestampPrecision.MICROSECONDS);
        SiteTraffic traffic = DemoTraffic.minute(minute)) {
      while (traffic.next()) {
        writer.write(traffic.packet());
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Stops appending; the current file keeps what was written. */
  @Override
  public void close() throws IOException {
    Growing file = growing;
    growing = null;
    if (file != null) {
      file.close();
    }
  }

  /** The current minute's file, written as the clock reaches each packet's time. */
  private static final class Growing implements Closeable {
    final Instant minute;
    private final SiteTraffic traffic;
    private final PcapWriter writer;
    /** Whether traffic's current packet is due but not written: its time had not come. */
    private boolean waiting;
    private boolean ended;

    Growing(Instant minute, Path file) throws IOException {
      this.minute = minute;
      this.traffic = DemoTraffic.minute(minute);
      this.writer = PcapWriter.create(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), LinkType.ETHERNET,
          PcapWriter.DEFAULT_SNAP_LENGTH, TimestampPrecision.MICROSECONDS);
      writer.flush(); // the header at once: a store lists the file from the start
    }

    /** Writes the packets before {@code until} not yet written, and flushes them to the file. */
    void writeUntil(Instant until) throws IOException {
      long limit = Math.addExact(Math.multiplyExact(until.getEpochSecond(), 1_000_000_000L), until.getNano());
      while (!ended) {
        if (!waiting) {
          if (!traffic.next()) {
            ended = true;
            break;
          }
          waiting = true;
        }
        if (traffic.packet().timestampNanos() >= limit) {
          break;
        }
        writer.write(traffic.packet());
        waiting = false;
      }
      writer.flush();
    }

    @Override
    public void close() throws IOException {
      traffic.close();
      writer.close();
    }
  }
}
