package dev.docket.cli;

import dev.docket.OutputFormat;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where and how a command writes its capture: shared by filter, merge and query. */
final class OutputOptions {
  /** The capture formats a command can write. */
  enum Format {
    pcap,
    pcapng
  }

  @Option(
      names = {"-w", "--write"},
      paramLabel = "FILE",
      description = "Write the capture to FILE (default, or '-': standard output). A file is written "
          + "whole or not at all: it appears only when the command succeeds.")
  @Nullable Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "pcap (default) or pcapng. pcapng keeps each input's interfaces and link types.")
  Format format = Format.pcap;

  @Option(
      names = "--nanoseconds",
      description = "Write classic pcap with nanosecond timestamps (default: microseconds, which "
          + "every tool reads). pcapng always keeps nanoseconds.")
  boolean nanoseconds;

  boolean toStandardOutput() {
    return file == null || file.toString().equals("-");
  }

  /** The file given with -w; call only when not {@link #toStandardOutput()}. */
  Path file() {
    Path given = file;
    if (given == null) {
      throw new IllegalStateException("no -w FILE");
    }
    return given;
  }

  /** The format asked for, in core's terms. */
  OutputFormat outputFormat() {
    if (format == Format.pcapng) {
      return OutputFormat.PCAPNG;
    }
    return nanoseconds ? OutputFormat.PCAP_NANOSECONDS : OutputFormat.PCAP;
  }
}
