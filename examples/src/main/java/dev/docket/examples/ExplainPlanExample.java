package dev.docket.examples;

import dev.docket.plan.QueryFeature;
import dev.docket.plan.QueryPlan;
import dev.docket.plan.QueryPlanner;
import dev.docket.plan.StenographerSyntax;
import dev.docket.query.BpfSyntax;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.Query;
import dev.docket.query.QueryParser;
import dev.docket.query.QuerySyntax;
import dev.docket.stenographer.StenographerSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * What Docket would ask a Stenographer sensor for a query, and what it trims from the answer
 * itself; no sensor needed. The planner ({@link QueryPlanner}) relaxes the query to the narrowest
 * superset Stenographer can evaluate (its {@linkplain StenographerSyntax#FEATURES features}, the
 * ones {@code StenographerSource} declares): no {@code not}, no {@code src}/{@code dst}, time by
 * whole files, an index that decodes otherwise than Docket. Whenever anything was relaxed (for
 * Stenographer, always), the whole query becomes the residual filter that makes the answer exact.
 *
 * <pre>
 * $ java -cp ... dev.docket.examples.ExplainPlanExample 'src host 10.0.0.1 and not port 22 and after 2024-06-03T09:00:00Z'
 * query:        src host 10.0.0.1 and not port 22 and after 2024-06-03T09:00:00Z
 * stenographer: host 10.0.0.1 and after 2024-06-03T09:00:00Z
 *               (each time bound widened by the sensor's time padding, 60 s unless configured)
 * relaxed:      not, src/dst, Docket's decoding, exact time
 * residual:     src host 10.0.0.1 and not port 22 and after 2024-06-03T09:00:00Z
 * as tcpdump:   ip src host 10.0.0.1 and not port 22
 * window:       [2024-06-03T09:00:00Z, +inf)
 * </pre>
 */
public final class ExplainPlanExample {
  private ExplainPlanExample() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: ExplainPlanExample QUERY");
      System.exit(2);
    }
    try {
      // Several words are one query, as `docket parse tcp port 80` reads them.
      Query query = new QueryParser(Clock.systemUTC()).parse(String.join(" ", args));
      explain(QueryPlanner.plan(query, StenographerSyntax.FEATURES), System.out);
    } catch (InvalidQueryException badQuery) {
      System.err.println("bad query: " + badQuery.getMessage());
      System.exit(2);
    }
  }

  /** Prints what {@code plan} runs on the sensor and what Docket filters afterwards. */
  static void explain(QueryPlan plan, PrintStream out) {
    Query query = plan.query().orElseThrow();
    out.println("query:        " + QuerySyntax.print(query));
    out.println("stenographer: " + StenographerSyntax.printPlanned(plan.nativeQuery()));
    if (plan.relaxed().contains(QueryFeature.EXACT_TIME)) {
      out.println("              (each time bound widened by the sensor's time padding, "
          + StenographerSettings.DEFAULT_TIME_PADDING.toSeconds() + " s unless configured)");
    }
    if (plan.isExact()) {
      out.println("relaxed:      nothing; the sensor's answer is exact and Docket filters nothing");
    } else {
      out.println("relaxed:      " + plan.relaxed().stream().map(QueryFeature::words).collect(Collectors.joining(", ")));
      out.println("residual:     " + QuerySyntax.print(query));
      out.println("as tcpdump:   " + tcpdumpForm(query));
    }
    out.println("window:       " + plan.window());
  }

  /** The residual as a tcpdump filter, for checking by hand; BPF knows no time, which the window gives. */
  private static String tcpdumpForm(Query query) {
    try {
      String bpf = BpfSyntax.print(query);
      return bpf.isEmpty() ? "(every packet; only the time window applies)" : bpf;
    } catch (InvalidQueryException noBpfForm) {
      return "(none: " + noBpfForm.getMessage() + ")";
    }
  }
}
