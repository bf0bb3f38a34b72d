package dev.docket.store;

import java.io.IOException;
import java.nio.file.FileSystemException;

/**
 * The system refused to open a file that the merge had opened before: most often because the
 * process holds as many files as its limit allows ({@code ulimit -n}). Closing another of the
 * merge's files may let it open, so {@link TimeOrderedScan} parks one and tries again, rather than
 * ending the merge with some of the packets.
 */
final class OpenRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  OpenRefusedException(String name, FileSystemException refused) {
    super(name + ": could not be opened: " + (refused.getReason() != null ? refused.getReason() : refused.getMessage()), refused);
  }
}
