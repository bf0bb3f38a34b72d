package dev.docket.synthetic;

/**
 * The RFC 1071 ones' complement sum that IPv4, ICMP, ICMPv6, TCP and UDP carry. Sums are kept
 * unfolded in a {@code long} so that pieces (pseudo-header, header, payload) can be added up before
 * one final fold.
 */
final class InternetChecksum {
  private InternetChecksum() {}

  /**
   * Adds {@code bytes[offset, offset + length)} as big-endian 16-bit words, a trailing odd byte
   * padded with zero. A piece must start at an even offset of the checksummed data.
   */
  static long add(long sum, byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    // Four words per turn: the generator spends most of its time here on full-size segments.
    for (; i + 8 <= end; i += 8) {
      sum +=
          ((bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF))
              + ((bytes[i + 2] & 0xFF) << 8 | (bytes[i + 3] & 0xFF))
              + ((bytes[i + 4] & 0xFF) << 8 | (bytes[i + 5] & 0xFF))
              + ((bytes[i + 6] & 0xFF) << 8 | (bytes[i + 7] & 0xFF));
    }
    for (; i + 2 <= end; i += 2) {
      sum += (bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (bytes[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** The checksum field's value for a sum: the folded sum, complemented. */
  static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }
}
