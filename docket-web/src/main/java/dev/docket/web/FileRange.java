package dev.docket.web;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.channels.FileChannel;

/**
 * Bytes of an open file to answer with, sent by {@link FileRangeWriter}: the whole result, or the
 * range a resumed download asked for. The file is closed when the response ends.
 *
 * @param file open for reading; it must hold {@code first + length} bytes
 * @param first the offset of the first byte to send
 * @param length how many bytes to send, the response's {@code Content-Length}
 */
record FileRange(FileChannel file, long first, long length) {
  FileRange {
    requireNonNull(file, "file");
    checkArgument(first >= 0 && length >= 0, "a range of %s bytes at %s", length, first);
  }
}
