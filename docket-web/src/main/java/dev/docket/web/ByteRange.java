package dev.docket.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A single byte range of a {@code Range} header, resolved against a file's length (RFC 9110 14.1):
 * {@code bytes=a-b}, {@code bytes=a-} and the suffix {@code bytes=-n}, the last n bytes. Done here
 * because Micronaut's SystemFile ignores {@code bytes=0-0}, reads {@code bytes=-n} as {@code 0-n}
 * and never answers 416. Several ranges, another unit or a malformed header are ignored: the whole
 * file is sent, as the RFC allows.
 *
 * @param first the first byte sent
 * @param last the last byte sent, inclusive
 */
record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** What a request's Range header asks of a file. */
  sealed interface Asked {}

  /** No range (or one that is ignored): the whole file, 200. */
  record Whole() implements Asked {}

  /** These bytes, 206. */
  record Part(ByteRange range) implements Asked {}

  /** Nothing of the file can be sent, 416. */
  record Unsatisfiable() implements Asked {}

  long length() {
    return last - first + 1;
  }

  /** {@code Content-Range}'s value for this range of a file of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  static Asked parse(@Nullable String header, long size) {
    if (header == null) {
      return new Whole();
    }
    Matcher matcher = SINGLE.matcher(header.strip());
    if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
      return new Whole();
    }
    Optional<Long> start = number(matcher.group(1));
    Optional<Long> end = number(matcher.group(2));
    if ((!matcher.group(1).isEmpty() && start.isEmpty()) || (!matcher.group(2).isEmpty() && end.isEmpty())) {
      return new Whole(); // a number too long to be a position
    }
    if (start.isEmpty()) {
      long suffix = end.get();
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
    }
    if (end.isPresent() && end.get() < start.get()) {
      return new Whole(); // invalid: ignored, as the RFC says
    }
    if (start.get() >= size) {
      return new Unsatisfiable();
    }
    long last = end.isEmpty() ? size - 1 : Math.min(end.get(), size - 1);
    return new Part(new ByteRange(start.get(), last));
  }

  private static Optional<Long> number(String digits) {
    if (digits.isEmpty() || digits.length() > 18) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(digits));
  }
}
