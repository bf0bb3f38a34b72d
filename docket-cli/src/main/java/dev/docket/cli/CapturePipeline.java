package dev.docket.cli;

import com.google.common.io.Closer;
import dev.docket.filter.PacketFilter;
import dev.docket.merge.DeduplicatingStream;
import dev.docket.merge.MergeStream;
import dev.docket.packet.PacketStream;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import dev.docket.store.CaptureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * What filter, merge and query share: open every input, keep each one's matching packets, merge them
 * in time order, optionally drop multi-tap duplicates, and write one capture. A damaged input gives
 * its good packets and is reported; the run then exits {@link #EXIT_DAMAGED}.
 */
final class CapturePipeline {
  static final int EXIT_DAMAGED = 3;

  /** The streams to merge: capture files, or packet sources answering a query. */
  interface Inputs {
    /**
     * Opens the inputs, each registered with {@code closer}.
     *
     * @param problems where to report an input that was damaged or skipped (one line naming it);
     *     may be called from any thread until the inputs are closed
     */
    List<PacketStream> open(Closer closer, Consumer<String> problems) throws IOException;
  }

  private final PrintWriter err;

  CapturePipeline(PrintWriter err) {
    this.err = err;
  }

  /**
   * Filters capture files, {@code -} being standard input: opened in time order as the merge reaches
   * them, so any number of files fit in the open-file limit and a memory budget.
   */
  int run(List<Path> files, PacketFilter filter, boolean dedupe, OutputOptions output) {
    return run(
        (closer, problems) -> {
          ScanProgress progress =
              new ScanProgress() {
                @Override
                public void warning(String message) {
                  problems.accept(message);
                }
              };
          return List.of(closer.register(CaptureFiles.of(files).open(filter, progress)));
        },
        dedupe,
        output);
  }

  int run(Inputs sources, boolean dedupe, OutputOptions output) {
    if (output.toStandardOutput() && System.console() != null) {
      err.println("docket: refusing to write a binary capture to the terminal; give -w FILE or pipe it "
          + "(| tcpdump -r -)");
      return ExitCodes.USAGE;
    }
    List<String> damage = Collections.synchronizedList(new ArrayList<>());
    String stage = "reading";
    try (Closer closer = Closer.create()) {
      List<PacketStream> inputs = sources.open(closer, damage::add);
      MergeStream merge = new MergeStream(inputs);
      PacketStream merged = dedupe ? new DeduplicatingStream(merge, DeduplicatingStream.DEFAULT_WINDOW) : merge;
      CaptureSink sink = closer.register(CaptureSink.open(output));
      stage = "writing " + sink.name();
      while (merged.next()) {
        sink.write(merged.packet(), merged.interfaceId());
      }
      sink.commit();
    } catch (SourceException unreadable) {
      err.println("docket: " + unreadable.getMessage());
      return ExitCodes.FAILURE;
    } catch (CaptureSink.MixedLinkTypesException mixed) {
      err.println("docket: " + mixed.getMessage());
      return ExitCodes.FAILURE;
    } catch (IllegalArgumentException unwritable) {
      // The output format cannot hold a packet (a time past 2106, a packet over the snapshot length).
      String way = output.format == OutputOptions.Format.pcap ? "; use --format pcapng" : "";
      err.println("docket: " + stage + ": " + unwritable.getMessage() + way);
      return ExitCodes.FAILURE;
    } catch (IOException failure) {
      if (output.toStandardOutput() && isBrokenPipe(failure)) {
        return 0; // the reader went away (| head): nothing more is wanted
      }
      err.println("docket: " + stage + ": " + describe(failure));
      return ExitCodes.FAILURE;
    } finally {
      err.flush();
    }
    synchronized (damage) {
      damage.forEach(err::println);
    }
    err.flush();
    return damage.isEmpty() ? 0 : EXIT_DAMAGED;
  }

  private static boolean isBrokenPipe(IOException failure) {
    return String.valueOf(failure.getMessage()).contains("Broken pipe");
  }

  private static String describe(IOException failure) {
    String message = failure.getMessage();
    if (message != null && message.contains("No space left on device")) {
      return "no space left on the device; free some space or write elsewhere with -w";
    }
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
