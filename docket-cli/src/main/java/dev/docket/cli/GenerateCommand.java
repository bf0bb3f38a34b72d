package dev.docket.cli;

import dev.docket.Docket;
import dev.docket.pcap.RotatingPcapWriter;
import dev.docket.pcap.TimestampPrecision;
import dev.docket.source.ScanProgress;
import dev.docket.synthetic.SyntheticSource;
import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code docket generate}: a deterministic synthetic capture, for tests, benchmarks and demos. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a deterministic synthetic capture: hosts in several networks, TCP sessions (HTTP, TLS, "
          + "SSH), DNS, ICMP, ARP, IPv6 with extension headers, VLAN, QinQ, MPLS and fragments.",
      "The same seed always gives the same bytes. Example: docket generate --size 1G -w sample.pcap",
      "A store of one-minute files: docket generate --size 5G --rotate 60s -w /tmp/store/"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the output cannot be written (nothing is left behind)", "2:bad arguments"})
final class GenerateCommand implements Callable<Integer> {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmgt]?)i?b?");
  private static final Pattern PERIOD = Pattern.compile("(\\d{1,9})([smh])");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--size", paramLabel = "SIZE", description = "Stop before the captured bytes exceed SIZE (e.g. 500M, 4G; K/M/G/T are powers of 1024).")
  String size = "";

  @Option(names = "--packets", paramLabel = "N", description = "Stop after N packets.")
  long packets = TrafficSpec.UNLIMITED;

  @Option(names = "--seed", paramLabel = "N", description = "Which traffic: the same seed gives the same capture (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--start", paramLabel = "TIME", description = "The first packet's time, RFC 3339 (default ${DEFAULT-VALUE}).")
  Instant start = TrafficSpec.DEFAULT_START;

  @Option(names = "--rate", paramLabel = "PPS", description = "Mean packets per second (default ${DEFAULT-VALUE}).")
  double packetsPerSecond = 10_000;

  @Option(
      names = "--max-length",
      paramLabel = "BYTES",
      description = "Keep only frames of at most BYTES, e.g. 100: DNS, TCP handshakes and ACKs, ARP and pings "
          + "(the same traffic, thinned). --size and --packets count what is kept.")
  int maxLength;

  @Option(
      names = "--rotate",
      paramLabel = "PERIOD",
      description = "Write a store instead of one file: one pcap file per PERIOD (e.g. 60s, 5m, 1h) "
          + "in the directory given with -w, named docket-YYYYmmddHHMMSS.pcap as tcpdump -G would.")
  @Nullable String rotate;

  @Override
  public Integer call() throws IOException {
    long bytes = size.isEmpty() ? TrafficSpec.UNLIMITED : parseSize(size);
    if (bytes == TrafficSpec.UNLIMITED && packets == TrafficSpec.UNLIMITED) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --size or --packets: the traffic never ends by itself");
    }
    if (packets <= 0 || packetsPerSecond <= 0 || maxLength < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--packets, --rate and --max-length must be positive");
    }
    if (maxLength > 0 && rotate != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-length writes one file: leave out --rotate");
    }
    TrafficSpec traffic =
        new TrafficSpec(seed, start, TrafficSpec.DEFAULT_MEAN_GAP, packets, bytes).withPacketsPerSecond(packetsPerSecond);
    if (rotate != null) {
      return writeStore(traffic, parsePeriod(rotate));
    }
    // Generating is a run of the front door that asks the synthetic source for everything.
    Docket docket = Docket.builder().source(maxLength > 0 ? SyntheticSource.smallFrames(traffic, maxLength) : new SyntheticSource(traffic)).format(output.outputFormat()).build();
    return new CaptureRun(spec.commandLine().getErr(), output).run(docket, Optional.empty(), ScanProgress.NONE, CaptureRun.ResultListener.NONE);
  }

  private int writeStore(TrafficSpec traffic, Duration period) throws IOException {
    if (output.toStandardOutput() || output.format != OutputOptions.Format.pcap) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rotate writes pcap files into a directory: give -w DIR");
    }
    Path directory = output.file;
    Files.createDirectories(directory);
    TimestampPrecision precision = output.nanoseconds ? TimestampPrecision.NANOSECONDS : TimestampPrecision.MICROSECONDS;
    try (SyntheticTraffic stream = new SyntheticTraffic(traffic);
        RotatingPcapWriter writer = new RotatingPcapWriter(directory, "docket-", period, precision)) {
      while (stream.next()) {
        writer.write(stream.packet());
      }
    }
    return 0;
  }

  private Duration parsePeriod(String text) {
    Matcher matcher = PERIOD.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rotate '" + text + "' is not a period such as 60s, 5m or 1h");
    }
    long amount = Long.parseLong(matcher.group(1));
    return matcher.group(2).equals("h") ? Duration.ofHours(amount) : matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
  }

  private long parseSize(String text) {
    Matcher matcher = SIZE.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--size '" + text + "' is not a size such as 500M or 4G");
    }
    int shift = " kmgt".indexOf(matcher.group(2).isEmpty() ? " " : matcher.group(2)) * 10;
    long value = Long.parseLong(matcher.group(1));
    if (value == 0 || Long.numberOfLeadingZeros(value) <= shift) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--size '" + text + "' is out of range");
    }
    return value << shift;
  }
}
