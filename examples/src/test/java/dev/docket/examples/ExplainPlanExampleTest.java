package dev.docket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.filter.PacketFilter;
import dev.docket.pcap.CaptureReader;
import dev.docket.plan.QueryPlan;
import dev.docket.plan.QueryPlanner;
import dev.docket.plan.StenographerSyntax;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainPlanExampleTest {
  private static final QueryParser PARSER = new QueryParser(Clock.systemUTC());

  @TempDir Path scratch;

  @Test
  void saysWhatTheSensorRunsWhatWasRelaxedAndWhatDocketTrims() throws Exception {
    ProgramRun run =
        ProgramRun.of(ExplainPlanExample.class, "src host 10.0.0.1 and not port 22 and after 2024-06-03T09:00:00Z");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines())
        .containsExactly(
            "query:        src host 10.0.0.1 and not port 22 and after 2024-06-03T09:00:00Z",
            "stenographer: host 10.0.0.1 and after 2024-06-03T09:00:00Z",
            "              (each time bound widened by the sensor's time padding, 60 s unless configured)",
            "relaxed:      not, src/dst, Docket's decoding, exact time",
            "residual:     src host 10.0.0.1 and not port 22 and after 2024-06-03T09:00:00Z",
            "as tcpdump:   ip src host 10.0.0.1 and (not port 22)",
            "window:       [2024-06-03T09:00:00Z, +inf)");
  }

  /** Stenographer's index also finds frames Docket's filter would not: its answer is always trimmed. */
  @Test
  void aQueryStenographerSaysWholeIsStillTrimmed() {
    assertThat(explain("host 10.0.0.1 and vlan 10"))
        .startsWith(
            "query:        host 10.0.0.1 and vlan 10",
            "stenographer: host 10.0.0.1 and vlan 10",
            "relaxed:      Docket's decoding",
            "residual:     host 10.0.0.1 and vlan 10");
  }

  @Test
  void aTimeBoundUnderOrHasNoTcpdumpFormAndSaysWhy() {
    assertThat(explain("host 10.0.0.1 or before 2024-06-03T09:00:00Z"))
        .contains("relaxed:      Docket's decoding, exact time")
        .anySatisfy(line -> assertThat(line).startsWith("as tcpdump:   (none: ").contains("BPF has no time"));
  }

  /**
   * The native query printed is honest: read back, it selects a superset of the query's packets in
   * real traffic, strictly more here, and the residual trims that superset to exactly the query's.
   */
  @Test
  void theNativeQuerySelectsASupersetThatTheResidualTrimsToTheQuery() throws Exception {
    List<Path> captures = GeneratedCaptures.write(scratch.resolve("traffic"), 3, 2, 50);
    Query query = PARSER.parse("src net 10.1.0.0/16 and not tcp port 443 and after 2024-06-03T09:00:30Z");
    QueryPlan plan = QueryPlanner.plan(query, StenographerSyntax.FEATURES);
    String stenographerLine =
        explain(query).stream().filter(line -> line.startsWith("stenographer: ")).findFirst().orElseThrow();
    // Stenographer's dialect is a subset of Docket's language: its text parses as a Docket query.
    PacketFilter nativeFilter = PacketFilter.compile(PARSER.parse(stenographerLine.substring("stenographer: ".length())));

    List<String> superset = new ArrayList<>();
    List<String> trimmed = new ArrayList<>();
    for (Path capture : captures) {
      try (CaptureReader reader = CaptureReader.open(capture)) {
        while (reader.next()) {
          if (nativeFilter.matches(reader.packet())) {
            superset.add(Packets.text(reader.packet()));
            if (plan.residual().matches(reader.packet())) {
              trimmed.add(Packets.text(reader.packet()));
            }
          }
        }
      }
    }
    List<String> exact = Packets.matching(query, captures);
    assertThat(superset).containsAll(exact).hasSizeGreaterThan(exact.size());
    assertThat(Packets.sorted(trimmed)).isEqualTo(exact).isNotEmpty();
  }

  private static List<String> explain(String query) {
    return explain(PARSER.parse(query));
  }

  private static List<String> explain(Query query) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ExplainPlanExample.explain(QueryPlanner.plan(query, StenographerSyntax.FEATURES), out);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
