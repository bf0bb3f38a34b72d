package dev.docket.store;

import java.util.Locale;

/** What a file in a store turned out to be when it was cataloged. */
enum FileKind {
  /** Classic pcap: the format rolling writers produce, and the one cataloged incrementally. */
  PCAP,
  PCAPNG,
  /** A gzip-compressed capture of either format: read through a stream, re-cataloged whole. */
  GZIP,
  /** Nothing in it yet (a writer has just created it). */
  EMPTY,
  /** Not a capture by its first bytes (Suricata's eve.json beside its pcap log): ignored. */
  NOT_A_CAPTURE,
  /** Could not be read at all; the query tries it again and reports why. */
  UNREADABLE;

  /** The catalog's word for the kind. */
  String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static FileKind ofWord(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  boolean isCapture() {
    return this == PCAP || this == PCAPNG || this == GZIP;
  }
}
