package dev.docket.store;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The catalog on disk: a tab-separated text file, one line per file, that a person can read with
 * {@code column -t}. The first line names the format and its version; a catalog of another version,
 * or one that cannot be parsed, is not an error but a cache to rebuild. Written beside its final name
 * and moved into place, so a reader never sees half a catalog.
 *
 * <pre>
 * # docket catalog 3
 * # path  kind  size  modified  end  packets  earliest  latest  link-types  stop  reason
 * dump-20240603090000.pcap  pcap  1048600  2024-06-03T09:01:00.1Z  1048600  9000  2024-06-03T09:00:00.000012Z  ...
 * </pre>
 */
final class CatalogFile {
  /**
   * Version 3: classic pcap files have an index beside the catalog ({@link FileIndex}, whose format
   * goes with this number); an older catalog is rebuilt, which makes them anew.
   */
  static final String HEADER = "# docket catalog 3";
  private static final String COLUMNS =
      "# path\tkind\tsize\tmodified\tend\tpackets\tearliest\tlatest\tlink-types\tstop\treason";
  private static final Splitter TABS = Splitter.on('\t');
  private static final String NONE = "-";

  private CatalogFile() {}

  /** The entries in {@code file}; empty when there is no catalog yet or it is not one we can use. */
  static Optional<ImmutableList<CatalogEntry>> read(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!HEADER.equals(reader.readLine())) {
        return Optional.empty();
      }
      ImmutableList.Builder<CatalogEntry> entries = ImmutableList.builder();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        Optional<CatalogEntry> entry = parse(line);
        if (entry.isEmpty()) {
          return Optional.empty();
        }
        entries.add(entry.get());
      }
      return Optional.of(entries.build());
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
  }

  private static Optional<CatalogEntry> parse(String line) {
    List<String> fields = TABS.splitToList(line);
    if (fields.size() != 11) {
      return Optional.empty();
    }
    try {
      boolean timed = !fields.get(6).equals(NONE);
      return Optional.of(
          new CatalogEntry(
              unescape(fields.get(0)),
              FileKind.ofWord(fields.get(1)),
              Long.parseLong(fields.get(2)),
              TimeStamps.parseInstant(fields.get(3)),
              Long.parseLong(fields.get(4)),
              Long.parseLong(fields.get(5)),
              timed ? TimeStamps.nanos(TimeStamps.parseInstant(fields.get(6))) : 0,
              timed ? TimeStamps.nanos(TimeStamps.parseInstant(fields.get(7))) : 0,
              fields.get(8).equals(NONE)
                  ? ImmutableSortedSet.of()
                  : Splitter.on(',').splitToStream(fields.get(8)).map(Integer::valueOf)
                      .collect(ImmutableSortedSet.toImmutableSortedSet(Integer::compare)),
              ReadStop.ofWord(fields.get(9)),
              unescape(fields.get(10))));
    } catch (RuntimeException unparseable) {
      return Optional.empty();
    }
  }

  /** Replaces {@code file} with a catalog of {@code entries}, atomically. */
  static void write(Path file, Collection<CatalogEntry> entries) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".partial");
    try {
      try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        writer.write(HEADER);
        writer.newLine();
        writer.write(COLUMNS);
        writer.newLine();
        for (CatalogEntry entry : entries) {
          writer.write(format(entry));
          writer.newLine();
        }
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String format(CatalogEntry entry) {
    boolean timed = entry.hasTimes();
    return String.join(
        "\t",
        escape(entry.path()),
        entry.kind().word(),
        Long.toString(entry.size()),
        entry.modified().toString(),
        Long.toString(entry.end()),
        Long.toString(entry.packets()),
        timed ? TimeStamps.instant(entry.earliestNanos()).toString() : NONE,
        timed ? TimeStamps.instant(entry.latestNanos()).toString() : NONE,
        entry.linkTypes().isEmpty()
            ? NONE
            : entry.linkTypes().stream().map(String::valueOf).collect(Collectors.joining(",")),
        entry.stop().word(),
        escape(entry.reason()));
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        plain.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        plain.append(c);
      }
    }
    return plain.toString();
  }
}
