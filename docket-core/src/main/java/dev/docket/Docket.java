package dev.docket;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.query.Query;
import dev.docket.source.PacketSource;
import dev.docket.source.ResultLimit;
import dev.docket.source.ScanProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Docket's front door: asks every source a query at once, trims each answer to exactly the query's
 * packets, merges them in time order and writes one capture. The command line, the job service, the
 * server and programs that embed Docket all run queries through it:
 *
 * <pre>{@code
 * Docket docket = Docket.builder().source(LocalStore.of(Path.of("/var/spool/pcap"))).build();
 * Query query = new QueryParser(Clock.systemUTC()).parse("host 10.0.0.1 and after 1h ago");
 * QueryResult result = docket.run(query, CaptureSink.toFile(Path.of("incident.pcap")));
 * }</pre>
 *
 * <p>A source that fails is reported by name in the result and the others' packets are kept
 * ({@link QueryResult.Status#PARTIAL}); when every source fails nothing is written. A run's merging
 * and writing happen on the calling thread; each source (when there are several) and the output's
 * writer run on threads from the {@linkplain Builder#threads thread factory}, which are all ended
 * when the run returns. Instances are immutable and may run any number of queries at once.
 */
public final class Docket {
  private final List<PacketSource> sources;
  private final ThreadFactory threads;
  private final ResultLimit limit;
  private final boolean dedupe;
  private final OutputFormat format;

  private Docket(Builder builder) {
    this.sources = List.copyOf(builder.sources);
    this.threads = builder.threads;
    this.limit = builder.limit;
    this.dedupe = builder.dedupe;
    this.format = builder.format;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The sources every query is asked of, in the order given. */
  public List<PacketSource> sources() {
    return sources;
  }

  /** The format results are written in. */
  public OutputFormat format() {
    return format;
  }

  /** Runs {@code query} and writes its packets to {@code sink}. */
  public QueryResult run(Query query, CaptureSink sink) throws OutputException {
    return prepare(query, sink, ScanProgress.NONE).call();
  }

  /** Writes every packet of every source to {@code sink}, merged in time order (a merge). */
  public QueryResult runAll(CaptureSink sink) throws OutputException {
    return prepareAll(sink, ScanProgress.NONE).call();
  }

  /**
   * A run of {@code query} that has not started: {@link QueryRun#call()} runs it on the calling
   * thread, and {@link QueryRun#cancel()} stops it from any other.
   *
   * @param progress told of files, bytes and matches as the sources make progress, from any thread
   */
  public QueryRun prepare(Query query, CaptureSink sink, ScanProgress progress) {
    return prepare(query, sink, listenerFor(progress));
  }

  /**
   * A run of {@code query} that has not started, watched by {@code listener}: each source's
   * progress apart, and each packet written (how a job keeps per-source counts and a summary).
   */
  public QueryRun prepare(Query query, CaptureSink sink, RunListener listener) {
    return new QueryRun(this, Optional.of(query), sink, listener);
  }

  /** A run that writes every packet of every source; see {@link #prepare}. */
  public QueryRun prepareAll(CaptureSink sink, ScanProgress progress) {
    return new QueryRun(this, Optional.empty(), sink, listenerFor(progress));
  }

  /** A listener that tells every source's progress to {@code progress}, summed. */
  private static RunListener listenerFor(ScanProgress progress) {
    return new RunListener() {
      @Override
      public ScanProgress progressOf(PacketSource source) {
        return progress;
      }
    };
  }

  ThreadFactory threads() {
    return threads;
  }

  ResultLimit limit() {
    return limit;
  }

  boolean dedupe() {
    return dedupe;
  }

  /** Sets up a {@link Docket}: at least one source; everything else has a default. */
  public static final class Builder {
    private final List<PacketSource> sources = new ArrayList<>();
    private ThreadFactory threads = new ThreadFactoryBuilder().setNameFormat("docket-%d").setDaemon(true).build();
    private ResultLimit limit = ResultLimit.NONE;
    private boolean dedupe;
    private OutputFormat format = OutputFormat.PCAP;

    private Builder() {}

    /** Adds a source to ask. */
    public Builder source(PacketSource source) {
      sources.add(requireNonNull(source, "source"));
      return this;
    }

    /** Adds sources to ask, in order. */
    public Builder sources(List<? extends PacketSource> sources) {
      sources.forEach(this::source);
      return this;
    }

    /**
     * Where the threads of a run come from: one per source when there are several, and one that
     * writes the output. Default: daemon threads named {@code docket-N}.
     */
    public Builder threads(ThreadFactory threads) {
      this.threads = requireNonNull(threads, "threads");
      return this;
    }

    /** The most each source may send for a query (Stenographer's limit headers); default none. */
    public Builder limit(ResultLimit limit) {
      this.limit = requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Whether to drop a packet whose exact bytes were already seen within a millisecond: the same
     * packet recorded by two taps. Default off.
     */
    public Builder dedupe(boolean dedupe) {
      this.dedupe = dedupe;
      return this;
    }

    /** The capture format results are written in; default {@link OutputFormat#PCAP}. */
    public Builder format(OutputFormat format) {
      this.format = requireNonNull(format, "format");
      return this;
    }

    public Docket build() {
      checkArgument(!sources.isEmpty(), "Docket needs at least one source");
      return new Docket(this);
    }
  }
}
