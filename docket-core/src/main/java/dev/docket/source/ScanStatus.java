package dev.docket.source;

import java.util.List;

/**
 * How far a query has got: units (files, blocks) done out of those planned, bytes read and bytes
 * skipped (an index proved them of no use) out of those planned, packets matched, and the warnings
 * about units skipped or cut short.
 */
public record ScanStatus(
    int unitsDone, int units, long bytesRead, long bytesSkipped, long bytes, long matched, List<String> warnings) {
  public ScanStatus {
    warnings = List.copyOf(warnings);
  }
}
