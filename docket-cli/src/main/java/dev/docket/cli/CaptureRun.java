package dev.docket.cli;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.OutputException;
import dev.docket.QueryResult;
import dev.docket.UnwritablePacketException;
import dev.docket.query.Query;
import dev.docket.source.ScanProgress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * What filter, merge and query share once their arguments are read: run the query (or, for a
 * merge, ask for everything) through the front door into the output the options name, print each
 * problem on one line, and turn the result into the exit code.
 */
final class CaptureRun {
  /**
   * Where a command's run takes its threads: the writer behind the output, a reader per source
   * when there are several, and the one that reads a big file's back half. Daemons, so that a
   * command that fails never waits for them to exit.
   */
  static final ThreadFactory THREADS = new ThreadFactoryBuilder().setNameFormat("docket-%d").setDaemon(true).build();

  private final PrintWriter err;
  private final OutputOptions output;

  CaptureRun(PrintWriter err, OutputOptions output) {
    this.err = err;
    this.output = output;
  }

  /**
   * Runs {@code query} (every packet when empty) against {@code docket}'s sources.
   *
   * @return the exit code; the result, when there was one, goes to {@code results}
   */
  int run(Docket docket, Optional<Query> query, ScanProgress progress, ResultListener results) {
    if (output.toStandardOutput() && Terminal.standardOutputIsTerminal()) {
      err.println("docket: refusing to write a binary capture to the terminal; give -w FILE or pipe it "
          + "(| tcpdump -r -)");
      return ExitCodes.USAGE;
    }
    CaptureSink sink =
        output.toStandardOutput()
            ? CaptureSink.toStream(new FileOutputStream(FileDescriptor.out), "standard output")
            : CaptureSink.toFile(output.file());
    QueryResult result;
    try {
      result =
          query.isPresent()
              ? docket.prepare(query.get(), sink, progress).call()
              : docket.prepareAll(sink, progress).call();
    } catch (UnwritablePacketException unwritable) {
      err.println("docket: " + unwritable.getMessage() + (output.format == OutputOptions.Format.pcap ? "; use --format pcapng" : ""));
      return ExitCodes.FAILURE;
    } catch (OutputException unwritable) {
      if (output.toStandardOutput() && unwritable.readerWentAway()) {
        return ExitCodes.DONE; // the reader went away (| head): nothing more is wanted
      }
      err.println("docket: " + unwritable.getMessage());
      return ExitCodes.FAILURE;
    } finally {
      err.flush();
    }
    results.finished(result);
    if (result.status() == QueryResult.Status.FAILED) {
      err.println("docket: " + result.failure().orElse("every source failed"));
    } else {
      result.problems().forEach(err::println);
    }
    err.flush();
    return ExitCodes.of(result.status());
  }

  /** Told of a run's result before it is reported, for a command's own summary. */
  @FunctionalInterface
  interface ResultListener {
    ResultListener NONE = result -> {};

    void finished(QueryResult result);
  }
}
