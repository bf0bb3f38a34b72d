package dev.docket.job;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.docket.OutputFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * A query to run as a job, with what it may cost.
 *
 * @param user who submits it: the job is theirs, and the queue is fair between users
 * @param query the query in Docket's language; relative times ({@code after 5m ago}) are read
 *     against the service's clock rounded to its {@linkplain JobSettings#dedupeWindow() dedupe
 *     window}, so that the same query submitted twice within it is one job
 * @param sources the names of the sources to ask; empty asks all of them
 * @param maxPackets at most this many packets in the result; empty takes the service's limit,
 *     which a request may lower but not raise
 * @param maxBytes at most about this many bytes of packet records; as {@code maxPackets}
 * @param format the result's capture format
 * @param dedupe whether to drop the same packet recorded by two taps
 * @param acceptLarge whether to run the query even when its estimate is above the service's limit
 *     (an analyst who means "the whole store")
 */
public record JobRequest(
    String user,
    String query,
    List<String> sources,
    OptionalLong maxPackets,
    OptionalLong maxBytes,
    OutputFormat format,
    boolean dedupe,
    boolean acceptLarge) {
  public JobRequest {
    requireNonNull(user, "user");
    requireNonNull(query, "query");
    sources = List.copyOf(sources);
    requireNonNull(maxPackets, "maxPackets");
    requireNonNull(maxBytes, "maxBytes");
    requireNonNull(format, "format");
    checkArgument(!user.isBlank(), "a job needs a user");
    checkArgument(maxPackets.orElse(1) > 0, "the packet limit must be positive");
    checkArgument(maxBytes.orElse(1) > 0, "the byte limit must be positive");
  }

  /** {@code query} for {@code user}, from every source, with the service's limits, as classic pcap. */
  public static JobRequest of(String user, String query) {
    return new JobRequest(user, query, List.of(), OptionalLong.empty(), OptionalLong.empty(), OutputFormat.PCAP, false, false);
  }

  public JobRequest withSources(List<String> sources) {
    return new JobRequest(user, query, sources, maxPackets, maxBytes, format, dedupe, acceptLarge);
  }

  public JobRequest withMaxPackets(long maxPackets) {
    return new JobRequest(user, query, sources, OptionalLong.of(maxPackets), maxBytes, format, dedupe, acceptLarge);
  }

  public JobRequest withMaxBytes(long maxBytes) {
    return new JobRequest(user, query, sources, maxPackets, OptionalLong.of(maxBytes), format, dedupe, acceptLarge);
  }

  public JobRequest withFormat(OutputFormat format) {
    return new JobRequest(user, query, sources, maxPackets, maxBytes, format, dedupe, acceptLarge);
  }

  public JobRequest withDedupe(boolean dedupe) {
    return new JobRequest(user, query, sources, maxPackets, maxBytes, format, dedupe, acceptLarge);
  }

  public JobRequest withAcceptLarge(boolean acceptLarge) {
    return new JobRequest(user, query, sources, maxPackets, maxBytes, format, dedupe, acceptLarge);
  }
}
