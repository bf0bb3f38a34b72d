package dev.docket.cli;

import dev.docket.synthetic.SyntheticTraffic;
import dev.docket.synthetic.TrafficSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      "The same seed always gives the same bytes. Example: docket generate --size 1G -w sample.pcap"
    })
final class GenerateCommand implements Callable<Integer> {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmgt]?)i?b?");

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

  @Override
  public Integer call() throws IOException {
    long bytes = size.isEmpty() ? TrafficSpec.UNLIMITED : parseSize(size);
    if (bytes == TrafficSpec.UNLIMITED && packets == TrafficSpec.UNLIMITED) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --size or --packets: the traffic never ends by itself");
    }
    if (packets <= 0 || packetsPerSecond <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--packets and --rate must be positive");
    }
    TrafficSpec traffic =
        new TrafficSpec(seed, start, TrafficSpec.DEFAULT_MEAN_GAP, packets, bytes).withPacketsPerSecond(packetsPerSecond);
    if (output.toStandardOutput() && System.console() != null) {
      spec.commandLine().getErr().println("docket: refusing to write a binary capture to the terminal; give -w FILE");
      return DocketCommand.EXIT_USAGE;
    }
    try (SyntheticTraffic stream = new SyntheticTraffic(traffic);
        CaptureSink sink = CaptureSink.open(output)) {
      while (stream.next()) {
        sink.write(stream.packet(), 0);
      }
      sink.commit();
    }
    return 0;
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
