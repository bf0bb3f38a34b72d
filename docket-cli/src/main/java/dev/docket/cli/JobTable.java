package dev.docket.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Jobs as a table a person reads: one aligned row each, the query last since it is the longest. */
final class JobTable {
  private static final List<String> HEADINGS = List.of("ID", "STATE", "USER", "SUBMITTED", "PACKETS", "SIZE", "QUERY");

  private JobTable() {}

  static void print(List<RemoteJob> jobs, PrintWriter out) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (RemoteJob job : jobs) {
      rows.add(List.of(
          job.id(),
          job.state().wireName(),
          job.user(),
          job.submitted(),
          job.packets().isPresent() ? String.format("%,d", job.packets().getAsLong()) : "-",
          job.resultBytes().isPresent() ? size(job.resultBytes().getAsLong()) : "-",
          job.query()));
    }
    int[] widths = new int[HEADINGS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        boolean last = i == row.size() - 1;
        line.append(last ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Bytes as a person reads them: 512 B, 1.5 KiB, 23.4 MiB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
