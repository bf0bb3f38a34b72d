package dev.docket.job;

import java.util.Locale;

/** Byte counts as people read them in messages: {@code 1.5 GiB}, {@code 200 MiB}, {@code 512 bytes}. */
final class Sizes {
  private Sizes() {}

  static String of(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value))
        + " " + units[unit];
  }
}
