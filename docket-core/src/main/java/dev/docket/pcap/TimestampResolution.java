package dev.docket.pcap;

import java.util.Optional;

/**
 * A pcapng interface's timestamp unit ({@code if_tsresol}): a negative power of 10 or of 2 of a
 * second. Converts a block's 64-bit unit count to nanoseconds, truncating finer units as libpcap
 * does, without allocating.
 */
final class TimestampResolution {
  static final TimestampResolution MICROSECONDS = decimal(6);
  static final TimestampResolution NANOSECONDS = decimal(9);

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int MAX_DECIMAL_EXPONENT = 18;
  private static final int MAX_BINARY_EXPONENT = 63;

  private final long unitsPerSecond;
  /** For 10^-0 to 10^-9: nanoseconds per unit; otherwise 0. */
  private final long nanosPerUnit;
  /** For 10^-10 and finer: units per nanosecond; otherwise 0. */
  private final long unitsPerNano;
  /** For powers of 2: the exponent; otherwise -1. */
  private final int binaryExponent;

  private TimestampResolution(
      long unitsPerSecond, long nanosPerUnit, long unitsPerNano, int binaryExponent) {
    this.unitsPerSecond = unitsPerSecond;
    this.nanosPerUnit = nanosPerUnit;
    this.unitsPerNano = unitsPerNano;
    this.binaryExponent = binaryExponent;
  }

  private static TimestampResolution decimal(int exponent) {
    long unitsPerSecond = pow10(exponent);
    return exponent <= 9
        ? new TimestampResolution(unitsPerSecond, pow10(9 - exponent), 0, -1)
        : new TimestampResolution(unitsPerSecond, 0, pow10(exponent - 9), -1);
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  /**
   * The resolution an {@code if_tsresol} byte describes: the high bit picks base 2, the rest is the
   * exponent. Empty when a unit is too fine to count in a signed 64-bit number.
   */
  static Optional<TimestampResolution> fromOption(int optionByte) {
    int exponent = optionByte & 0x7f;
    if ((optionByte & 0x80) == 0) {
      return exponent <= MAX_DECIMAL_EXPONENT ? Optional.of(decimal(exponent)) : Optional.empty();
    }
    return exponent <= MAX_BINARY_EXPONENT
        ? Optional.of(new TimestampResolution(1L << exponent, 0, 0, exponent))
        : Optional.empty();
  }

  /** Nanoseconds for {@code units}, an unsigned count of this resolution's units. */
  long toNanos(long units) {
    long seconds;
    long fraction;
    if (units >= 0) {
      seconds = units / unitsPerSecond;
      fraction = units % unitsPerSecond;
    } else {
      seconds = Long.divideUnsigned(units, unitsPerSecond);
      fraction = Long.remainderUnsigned(units, unitsPerSecond);
    }
    return seconds * NANOS_PER_SECOND + fractionToNanos(fraction);
  }

  private long fractionToNanos(long fraction) {
    if (nanosPerUnit != 0) {
      return fraction * nanosPerUnit;
    }
    if (unitsPerNano != 0) {
      return fraction / unitsPerNano;
    }
    if (binaryExponent == 0) {
      return 0;
    }
    // fraction * 10^9 / 2^exponent in 128 bits: the product overflows a long for fine units.
    long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
    long low = fraction * NANOS_PER_SECOND;
    return (high << (64 - binaryExponent)) | (low >>> binaryExponent);
  }
}
