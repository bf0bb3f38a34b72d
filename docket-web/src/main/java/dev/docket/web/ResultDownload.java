package dev.docket.web;

import dev.docket.OutputFormat;
import dev.docket.job.Job;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A job's result as a download: the whole file, or the one byte range asked for a resumed download
 * (206, or 416 when nothing of it can be sent), with a file name that says what it holds.
 */
@Singleton
final class ResultDownload {
  static final MediaType PCAP = new MediaType("application/vnd.tcpdump.pcap");
  private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final VisibleJobs jobs;
  private final AuditLog audit;

  ResultDownload(VisibleJobs jobs, AuditLog audit) {
    this.jobs = jobs;
    this.audit = audit;
  }

  MutableHttpResponse<?> send(HttpRequest<?> request, Caller caller, String id) throws IOException {
    Job job = jobs.get(caller, id);
    Optional<Path> result = jobs.service().result(job.id());
    if (result.isEmpty()) {
      throw new ApiException(HttpStatus.NOT_FOUND, "no result", "job " + job.id() + " is " + job.state().wireName()
          + (job.state().hasEnded() ? job.reason().map(reason -> ": " + reason).orElse("") : "; its result is not ready yet"));
    }
    FileChannel in;
    long size;
    try {
      // Opened before its size is read: an eviction after this cannot take the open file away.
      in = FileChannel.open(result.get(), StandardOpenOption.READ);
      size = in.size();
    } catch (NoSuchFileException evicted) {
      throw new ApiException(HttpStatus.NOT_FOUND, "no result", "job " + job.id() + "'s result was just removed");
    }
    ByteRange.Asked asked = ByteRange.parse(request.getHeaders().get(HttpHeaders.RANGE), size);
    MutableHttpResponse<?> response;
    if (asked instanceof ByteRange.Unsatisfiable) {
      in.close();
      return ErrorBody.response(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable", "the result has " + size + " bytes")
          .header(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
    }
    Instant modified = Files.getLastModifiedTime(result.get()).toInstant();
    if (asked instanceof ByteRange.Part part) {
      ByteRange range = part.range();
      response = HttpResponse.status(HttpStatus.PARTIAL_CONTENT)
          .body(new FileRange(in, range.first(), range.length()))
          .contentLength(range.length())
          .header(HttpHeaders.CONTENT_RANGE, range.contentRange(size));
      audit.downloaded(caller, job.id(), job.query(), "range", range.length());
    } else {
      response = HttpResponse.ok(new FileRange(in, 0, size)).contentLength(size);
      audit.downloaded(caller, job.id(), job.query(), "sent", size);
    }
    return response
        .contentType(PCAP)
        .header(HttpHeaders.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC)))
        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(job) + "\"");
  }

  /**
   * {@code docket-20240603T091500Z-host_10.1.9.106_and_port_53.pcap}: when its packets start (the
   * job's submission when it has none), then the query without its time bounds, cut short.
   */
  static String fileName(Job job) {
    Instant when = job.summary().flatMap(summary -> {
      var first = summary.totals().firstNanos();
      return first.isPresent() ? Optional.of(Instant.ofEpochSecond(Math.floorDiv(first.getAsLong(), 1_000_000_000L))) : Optional.empty();
    }).orElse(job.submitted());
    String query = job.query()
        .replaceAll("(^| and )(after|before) \\S+", " ")
        .replaceAll("[^A-Za-z0-9.:-]+", "_")
        .replace(':', '.')
        .replaceAll("^_+|_+$", "");
    if (query.length() > 60) {
      query = query.substring(0, 60).replaceAll("_+$", "");
    }
    String extension = job.format() == OutputFormat.PCAPNG ? ".pcapng" : ".pcap";
    return "docket-" + NAME_TIME.format(when) + (query.isEmpty() ? "" : "-" + query) + extension;
  }
}
