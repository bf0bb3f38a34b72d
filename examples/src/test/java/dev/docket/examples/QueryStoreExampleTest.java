package dev.docket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryStoreExampleTest {
  /** Crosses a file boundary at each end, with a term the index cannot prune ({@code not}). */
  private static final String QUERY =
      "net 10.1.0.0/16 and not port 53 and after 2024-06-03T09:00:30Z and before 2024-06-03T09:02:10Z";

  @TempDir Path scratch;

  @Test
  void writesExactlyTheQuerysPacketsOfTheStoreToAPcapThatTcpdumpReads() throws Exception {
    List<Path> captures = GeneratedCaptures.write(scratch.resolve("store"), 1, 3, 40);
    Path output = scratch.resolve("incident.pcap");

    ProgramRun run = ProgramRun.of(QueryStoreExample.class, scratch.resolve("store").toString(), QUERY, output.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> expected = Packets.matching(parse(QUERY), captures);
    assertThat((long) expected.size()).as("a selective query").isPositive().isLessThan(Packets.count(captures) / 2);
    assertThat(run.outLines()).containsExactly("COMPLETE: " + expected.size() + " packets written to " + output);
    assertThat(run.err()).isEmpty();
    List<String> written = Packets.of(output);
    assertThat(Packets.inTimeOrder(written)).isTrue();
    assertThat(Packets.sorted(written)).isEqualTo(expected);
    assertThat(tcpdumpCount(output)).isEqualTo(expected.size());
  }

  @Test
  void aBadQueryIsOneLineWithExitCodeTwoAndNoFile() throws Exception {
    GeneratedCaptures.write(scratch.resolve("store"), 1, 1, 10);
    Path output = scratch.resolve("out.pcap");

    ProgramRun run = ProgramRun.of(QueryStoreExample.class, scratch.resolve("store").toString(), "host foo", output.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("bad query: ").contains("host names are not looked up");
    assertThat(output).doesNotExist();
  }

  @Test
  void aStoreThatCannotBeReadWritesNothingAndSaysWhich() throws Exception {
    Path missing = scratch.resolve("no-such-store");
    Path output = scratch.resolve("out.pcap");

    ProgramRun run = ProgramRun.of(QueryStoreExample.class, missing.toString(), "tcp", output.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly("FAILED: 0 packets written to " + output);
    assertThat(run.errLines()).singleElement().asString().startsWith("store: ").contains(missing.toString());
    assertThat(output).doesNotExist();
  }

  private static Query parse(String query) {
    return new QueryParser(Clock.systemUTC()).parse(query);
  }

  /** How many packets tcpdump, an independent reader, finds in {@code capture}. */
  private static long tcpdumpCount(Path capture) throws IOException, InterruptedException {
    Path tcpdump = ExternalTool.require("tcpdump", "tcpdump");
    Process process =
        new ProcessBuilder(tcpdump.toString(), "-nn", "-q", "-r", capture.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("tcpdump ended").isTrue();
    assertThat(process.exitValue()).as("tcpdump's exit status").isZero();
    return lines.lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).count();
  }
}
