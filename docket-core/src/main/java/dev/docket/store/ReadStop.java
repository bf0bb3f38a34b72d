package dev.docket.store;

import java.util.Locale;

/** Why cataloging stopped reading a file where it did. */
enum ReadStop {
  /** At the end of the file. */
  END,
  /**
   * Before an unfinished last record: the file is being written, or was cut off. Only the records
   * before it are read, and the rest is cataloged when the file grows.
   */
  PARTIAL,
  /** At damage: every record before it is read, and queries report the damage. */
  DAMAGED;

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ReadStop ofWord(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
