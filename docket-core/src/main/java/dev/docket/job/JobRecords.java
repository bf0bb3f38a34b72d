package dev.docket.job;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.docket.OutputFormat;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.source.PacketSource;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Job records in the spool's {@code jobs/} directory, one JSON file a job, written whole under a
 * temporary name and renamed, so a crash leaves the old record or the new, never half of one. The
 * record's format is written down here field by field (jackson-jr reads and writes the JSON): it
 * outlives any refactoring of the types.
 */
final class JobRecords {
  /** The record format; a record of another is reported and skipped. */
  static final int FORMAT = 1;

  private static final JSON JSON_OUT = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

  private final Path directory;

  JobRecords(Path directory) {
    this.directory = directory;
  }

  Path fileOf(String id) {
    return directory.resolve(id + ".json");
  }

  /** Writes {@code job}'s record, replacing the one before, atomically. */
  void write(JobEntry entry) throws IOException {
    Job job = entry.snapshot();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("format", FORMAT);
    record.put("id", job.id());
    record.put("key", entry.key);
    record.put("user", job.user());
    record.put("query", job.query());
    record.put("state", job.state().wireName());
    record.put("output", job.format().name().toLowerCase(java.util.Locale.ROOT));
    record.put("dedupe", job.dedupe());
    record.put("maxPackets", job.maxPackets());
    record.put("maxBytes", job.maxBytes());
    record.put("submitted", job.submitted().toString());
    job.started().ifPresent(at -> record.put("started", at.toString()));
    job.ended().ifPresent(at -> record.put("ended", at.toString()));
    job.reason().ifPresent(reason -> record.put("reason", reason));
    job.resultBytes().ifPresent(bytes -> record.put("resultBytes", bytes));
    List<Object> sources = new ArrayList<>();
    for (JobSource source : job.sources()) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("name", source.name());
      part.put("state", source.state().name().toLowerCase(java.util.Locale.ROOT));
      source.error().ifPresent(error -> part.put("error", error));
      part.put("bytesPlanned", source.bytesPlanned());
      part.put("bytesRead", source.bytesRead());
      part.put("packetsMatched", source.packetsMatched());
      sources.add(part);
    }
    record.put("sources", sources);
    JobProgress progress = job.progress();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("bytesPlanned", progress.bytesPlanned());
    counts.put("bytesRead", progress.bytesRead());
    counts.put("packetsMatched", progress.packetsMatched());
    counts.put("packetsWritten", progress.packetsWritten());
    counts.put("bytesWritten", progress.bytesWritten());
    record.put("progress", counts);
    List<Object> events = new ArrayList<>();
    for (JobEvent event : job.events()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("at", event.at().toString());
      line.put("kind", event.kind());
      line.put("message", event.message());
      events.add(line);
    }
    record.put("events", events);
    job.summary().ifPresent(summary -> record.put("summary", SummaryJson.toMap(summary)));

    Path target = fileOf(job.id());
    Path temporary = directory.resolve("." + job.id() + ".json.tmp");
    Files.write(temporary, JSON_OUT.asBytes(record));
    try {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException notAtomic) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void delete(String id) throws IOException {
    Files.deleteIfExists(fileOf(id));
  }

  /** The records' files in the directory, temporary ones (a crash mid-write) removed. */
  List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    try (var listing = Files.newDirectoryStream(directory)) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".json.tmp")) {
          Files.deleteIfExists(file);
        } else if (name.endsWith(".json") && !name.startsWith(".")) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /**
   * Reads one record back as a job entry.
   *
   * @param sources the service's sources by name: a queued job asks them again
   * @throws IOException with a message that names what is wrong, when the record is unreadable
   */
  JobEntry read(Path file, Map<String, PacketSource> sources) throws IOException {
    Map<String, Object> record;
    try {
      record = JSON.std.mapFrom(Files.readAllBytes(file));
    } catch (IOException | RuntimeException unreadable) {
      throw new IOException("not a JSON job record (" + firstLine(unreadable) + ")", unreadable);
    }
    try {
      return entryOf(record, sources);
    } catch (RuntimeException wrong) {
      throw new IOException("a job record with a missing or wrong field (" + firstLine(wrong) + ")", wrong);
    }
  }

  private static String firstLine(Exception failure) {
    String message = String.valueOf(failure.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static JobEntry entryOf(Map<String, Object> record, Map<String, PacketSource> sources) {
    int format = ((Number) required(record, "format")).intValue();
    if (format != FORMAT) {
      throw new IllegalArgumentException("record format " + format + ", and this Docket reads " + FORMAT);
    }
    String id = text(record, "id");
    String queryText = text(record, "query");
    // A record's query holds no relative time (it was resolved at submission): any clock reads it.
    Query query = new QueryParser(Clock.systemUTC()).parse(queryText);
    List<String> names = new ArrayList<>();
    List<Map<String, Object>> parts = maps(record, "sources");
    for (Map<String, Object> part : parts) {
      names.add(text(part, "name"));
    }
    JobState state = JobState.ofWireName(text(record, "state"));
    List<PacketSource> asked = new ArrayList<>();
    if (!state.hasEnded()) {
      for (String name : names) {
        PacketSource source = sources.get(name);
        if (source != null) {
          asked.add(source);
        }
      }
    }
    JobEntry entry =
        new JobEntry(
            id,
            text(record, "key"),
            text(record, "user"),
            query,
            queryText,
            names,
            asked,
            OutputFormat.valueOf(text(record, "output").toUpperCase(java.util.Locale.ROOT)),
            (Boolean) required(record, "dedupe"),
            number(record, "maxPackets"),
            number(record, "maxBytes"),
            Instant.parse(text(record, "submitted")));
    entry.state = state;
    entry.started = instant(record, "started");
    entry.ended = instant(record, "ended");
    entry.reason = (String) record.get("reason");
    Object resultBytes = record.get("resultBytes");
    entry.resultBytes = resultBytes == null ? -1 : ((Number) resultBytes).longValue();
    if (state.hasEnded()) {
      for (Map<String, Object> part : parts) {
        String name = text(part, "name");
        entry.endedSources.put(
            name,
            new JobSource(
                name,
                JobSource.State.valueOf(text(part, "state").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable((String) part.get("error")),
                number(part, "bytesPlanned"),
                number(part, "bytesRead"),
                number(part, "packetsMatched")));
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) required(record, "progress");
    entry.storedProgress =
        new JobProgress(
            number(counts, "bytesPlanned"),
            number(counts, "bytesRead"),
            number(counts, "packetsMatched"),
            number(counts, "packetsWritten"),
            number(counts, "bytesWritten"));
    for (Map<String, Object> event : maps(record, "events")) {
      entry.events.add(new JobEvent(Instant.parse(text(event, "at")), text(event, "kind"), text(event, "message")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) record.get("summary");
    if (summary != null) {
      entry.storedSummary = SummaryJson.fromMap(summary);
    }
    return entry;
  }

  private static Object required(Map<String, Object> record, String field) {
    Object value = record.get(field);
    if (value == null) {
      throw new IllegalArgumentException("no " + field);
    }
    return value;
  }

  private static String text(Map<String, Object> record, String field) {
    Object value = required(record, field);
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(field + " is not text");
    }
    return text;
  }

  private static long number(Map<String, Object> record, String field) {
    Object value = required(record, field);
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException(field + " is not a number");
    }
    return number.longValue();
  }

  private static @Nullable Instant instant(Map<String, Object> record, String field) {
    Object value = record.get(field);
    return value == null ? null : Instant.parse((String) value);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Map<String, Object> record, String field) {
    Object value = required(record, field);
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(field + " is not a list");
    }
    return (List<Map<String, Object>>) list;
  }
}
