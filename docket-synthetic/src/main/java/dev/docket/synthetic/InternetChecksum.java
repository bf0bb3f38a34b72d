package dev.docket.synthetic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The RFC 1071 ones' complement sum that IPv4, ICMP, ICMPv6, TCP and UDP carry. Sums are kept
 * unfolded in a {@code long} so that pieces (pseudo-header, header, payload) can be added up before
 * one final fold. Sums stay far below overflow: a frame adds at most 2^9 words of 2^32.
 */
final class InternetChecksum {
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private InternetChecksum() {}

  /**
   * Adds {@code bytes[offset, offset + length)} as big-endian 16-bit words, a trailing odd byte
   * padded with zero. A piece must start at an even offset of the checksummed data.
   */
  static long add(long sum, byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    // Eight bytes per turn, as two 32-bit words: a sum of 32-bit words folds to the same 16-bit
    // ones' complement sum, because 2^16 = 1 modulo 0xFFFF. Full-size segments spend most of the
    // generator's time here.
    for (; i + 8 <= end; i += 8) {
      long eight = (long) BIG_ENDIAN_LONG.get(bytes, i);
      sum += (eight >>> 32) + (eight & 0xFFFF_FFFFL);
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
