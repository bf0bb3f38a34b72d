package dev.docket.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * A job's result from the server, streamed (never held in memory) to a file or to standard output.
 * A file appears whole or not at all: the bytes go to a hidden part file beside it, named for the
 * job, which is moved into place once it has every byte the server said there would be. A download
 * cut short leaves the part file, and the next download of the same job to the same file asks the
 * server only for the rest (a Range request).
 */
final class JobDownload {
  private static final int BUFFER = 64 * 1024;

  private final JobsClient client;
  private final JobProgressBar progress;

  JobDownload(JobsClient client, JobProgressBar progress) {
    this.client = client;
    this.progress = progress;
  }

  /** The part file the result of {@code id} is written to before it becomes {@code target}. */
  static Path partFile(Path target, String id) {
    return target.toAbsolutePath().resolveSibling("." + target.getFileName() + "." + id.replaceAll("[^A-Za-z0-9_-]", "_") + ".part");
  }

  /**
   * Checks, before any job is asked for, that a download can be written as {@code target}: its
   * directory exists and may be written to.
   *
   * @throws CommandFailure exit 2 naming the directory and the way out
   */
  static void checkWritable(Path target) {
    Path directory = target.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new CommandFailure(ExitCodes.USAGE, "-w " + target + ": the directory " + directory + " does not exist; create it or give another FILE");
    }
    if (!Files.isWritable(directory)) {
      throw new CommandFailure(ExitCodes.USAGE, "-w " + target + ": the directory " + directory + " may not be written to; give another FILE");
    }
    if (Files.isDirectory(target)) {
      throw new CommandFailure(ExitCodes.USAGE, "-w " + target + " is a directory; give a file name in it, such as " + target.resolve("result.pcap"));
    }
  }

  /** Downloads the whole result into {@code target}; returns its size. */
  long toFile(String id, Path target) {
    Path part = partFile(target, id);
    long from = Files.isRegularFile(part) ? size(part) : 0;
    JobsClient.Answer response = client.result(id, from);
    OptionalLong total = JobsClient.totalSize(response);
    if (response.status() == 416) {
      close(response);
      if (total.isPresent() && total.getAsLong() == from) {
        return finish(part, target, from); // the part file was whole: only the move was missing
      }
      delete(part); // longer than the result: not this result's part; start again
      return toFile(id, target);
    }
    boolean resumed = response.status() == 206 && startsAt(response, from);
    if (response.status() == 206 && !resumed) {
      close(response);
      delete(part);
      return toFile(id, target);
    }
    long written = resumed ? from : 0;
    long expected = total.orElse(-1);
    try (response;
        InputStream body = response.body();
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = Channels.newOutputStream(channel);
      byte[] buffer = new byte[BUFFER];
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException cut) {
          throw stopped(id, written, expected, JobsClient.oneLine(cut));
        }
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        written += n;
        progress.bytes(written, expected);
      }
      if (expected >= 0 && written != expected) {
        throw stopped(id, written, expected, "the answer ended early");
      }
    } catch (IOException unwritable) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + part + " (" + JobsClient.oneLine(unwritable)
          + "); free some space or give -w another FILE, then run the same command again to resume");
    }
    return finish(part, target, written);
  }

  /** Streams the whole result to {@code out}; returns its size. A reader that goes away (| head) ends it quietly. */
  long toStream(String id, OutputStream out) {
    JobsClient.Answer response = client.result(id, 0);
    long expected = JobsClient.totalSize(response).orElse(-1);
    long written = 0;
    try (response; InputStream body = response.body()) {
      byte[] buffer = new byte[BUFFER];
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException cut) {
          throw new CommandFailure(ExitCodes.FAILURE, "the download of " + id + " stopped after " + written + " bytes ("
              + JobsClient.oneLine(cut) + "); what was written to standard output is cut short; download it again");
        }
        if (n < 0) {
          break;
        }
        try {
          out.write(buffer, 0, n);
        } catch (IOException readerWentAway) {
          return written;
        }
        written += n;
        progress.bytes(written, expected);
      }
      out.flush();
    } catch (IOException readerWentAway) {
      return written;
    }
    if (expected >= 0 && written != expected) {
      throw new CommandFailure(ExitCodes.FAILURE, "the download of " + id + " stopped after " + written + " of " + expected
          + " bytes; what was written to standard output is cut short; download it again");
    }
    return written;
  }

  private static CommandFailure stopped(String id, long written, long expected, String why) {
    return new CommandFailure(ExitCodes.FAILURE, "the download of " + id + " stopped after " + written
        + (expected >= 0 ? " of " + expected : "") + " bytes (" + why + "); run the same command again to resume from there");
  }

  private static boolean startsAt(JobsClient.Answer response, long from) {
    return response.header("Content-Range").filter(range -> range.startsWith("bytes " + from + "-")).isPresent();
  }

  private static long finish(Path part, Path target, long size) {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException unmovable) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot move the download " + part + " to " + target + " ("
          + JobsClient.oneLine(unmovable) + "); check that you may write there");
    }
    return size;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException gone) {
      return 0;
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException undeletable) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot replace the old part file " + file + " (" + JobsClient.oneLine(undeletable)
          + "); delete it and run the command again");
    }
  }

  private static void close(JobsClient.Answer response) {
    response.close();
  }
}
