package dev.docket.web;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ListMultimap;
import com.google.common.collect.Multimaps;
import dev.docket.OutputFormat;
import dev.docket.filter.QueryReader;
import dev.docket.job.JobRequest;
import dev.docket.query.Bpf;
import dev.docket.query.FormQuery;
import dev.docket.query.QueryForm;
import dev.docket.query.QuerySyntax;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A job request as a client sends it, in JSON or form fields: a {@code query} in Docket's language
 * or the original Docket's fields ({@code host}, {@code net}, {@code port}, ...; see
 * {@link QueryForm}), a {@code bpf} tcpdump filter and-ed with either (or alone), and {@code sources}, {@code max-packets}, {@code max-bytes}, {@code format},
 * {@code dedupe} and {@code accept-large}. Unknown keys are refused by name.
 */
final class JobRequests {
  private static final Set<String> OPTIONS = ImmutableSet.of("query", BpfField.NAME, "sources", "max-packets", "max-bytes", "format", "dedupe", "accept-large");

  private JobRequests() {}

  /**
   * @param clock what the fields' relative times ({@code after-ago}) count back from: the job
   *     service's clock rounded to its dedupe window, so that the same fields within it are one job
   * @throws ApiException 400 naming the key and what is wrong with it
   * @throws dev.docket.query.InvalidQueryException when Docket's fields do not make a query
   */
  static JobRequest from(Map<String, ?> body, String user, Clock clock) {
    ListMultimap<String, String> fields = LinkedListMultimap.create();
    for (Map.Entry<String, ?> entry : body.entrySet()) {
      String key = entry.getKey();
      if (!OPTIONS.contains(key) && !QueryForm.FIELDS.contains(key)) {
        throw ApiException.badRequest("unknown key '" + key + "'; give query (or Docket's fields " + String.join(", ", QueryForm.FIELDS)
            + ") and optionally " + String.join(", ", OPTIONS.stream().filter(k -> !k.equals("query")).toList()));
      }
      if (QueryForm.FIELDS.contains(key)) {
        for (String value : strings(key, entry.getValue())) {
          fields.put(key, value);
        }
      }
    }
    String query;
    Optional<Bpf> bpf = BpfField.read(body.get(BpfField.NAME));
    List<String> text = body.containsKey("query") ? strings("query", body.get("query")) : List.of();
    if (bpf.isPresent() && text.size() == 1 && text.get(0).isBlank()) {
      text = List.of(); // the tcpdump filter is the whole query
    }
    boolean hasFields = fields.keySet().stream().anyMatch(k -> !k.startsWith("limit-"));
    if (!text.isEmpty() && hasFields) {
      throw ApiException.badRequest("give either query or Docket's fields (host, net, port, ...), not both");
    }
    JobRequest request;
    if (!text.isEmpty()) {
      if (text.size() > 1 || text.get(0).isBlank()) {
        throw ApiException.badRequest("query must be one non-empty string, such as \"host 10.0.0.1 and after 1h ago\"");
      }
      query = text.get(0);
      if (bpf.isPresent()) {
        query = BpfField.and(query, bpf.get(), new QueryReader(clock));
      }
      request = JobRequest.of(user, query);
      request = withFormLimits(request, fields);
    } else if (hasFields) {
      FormQuery form = QueryForm.fromFields(Multimaps.asMap(fields), clock);
      request = JobRequest.of(user, QuerySyntax.print(BpfField.and(form.query(), bpf)));
      if (form.limitPackets().isPresent()) {
        request = request.withMaxPackets(form.limitPackets().getAsLong());
      }
      if (form.limitBytes().isPresent()) {
        request = request.withMaxBytes(form.limitBytes().getAsLong());
      }
    } else if (bpf.isPresent()) {
      request = JobRequest.of(user, QuerySyntax.print(bpf.get()));
    } else {
      throw ApiException.badRequest("no query: give query, such as \"host 10.0.0.1 and after 1h ago\", or Docket's fields (host, net, port, ...), or a bpf tcpdump filter");
    }
    if (body.containsKey("sources")) {
      List<String> sources = new ArrayList<>();
      for (String value : strings("sources", body.get("sources"))) {
        for (String name : value.split(",")) {
          if (!name.isBlank()) {
            sources.add(name.strip());
          }
        }
      }
      request = request.withSources(sources);
    }
    if (body.containsKey("max-packets")) {
      request = request.withMaxPackets(positive("max-packets", body.get("max-packets")));
    }
    if (body.containsKey("max-bytes")) {
      request = request.withMaxBytes(positive("max-bytes", body.get("max-bytes")));
    }
    if (body.containsKey("format")) {
      request = request.withFormat(format(single("format", body.get("format"))));
    }
    if (body.containsKey("dedupe")) {
      request = request.withDedupe(bool("dedupe", body.get("dedupe")));
    }
    if (body.containsKey("accept-large")) {
      request = request.withAcceptLarge(bool("accept-large", body.get("accept-large")));
    }
    return request;
  }

  /** {@code pcap}, {@code pcap-ns} (nanosecond classic pcap) or {@code pcapng}. */
  static OutputFormat format(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "pcap" -> OutputFormat.PCAP;
      case "pcap-ns", "pcap-nanoseconds" -> OutputFormat.PCAP_NANOSECONDS;
      case "pcapng" -> OutputFormat.PCAPNG;
      default -> throw ApiException.badRequest("format '" + name + "' is not pcap, pcap-ns or pcapng");
    };
  }

  private static JobRequest withFormLimits(JobRequest request, ListMultimap<String, String> fields) {
    for (String value : fields.get("limit-packets")) {
      request = request.withMaxPackets(positive("limit-packets", value));
    }
    for (String value : fields.get("limit-bytes")) {
      request = request.withMaxBytes(positive("limit-bytes", value));
    }
    return request;
  }

  /** A value as strings: a string, a number, or a list of them. */
  private static List<String> strings(String key, Object value) {
    if (value instanceof List<?> list) {
      List<String> strings = new ArrayList<>();
      for (Object item : list) {
        strings.add(single(key, item));
      }
      return strings;
    }
    return List.of(single(key, value));
  }

  private static String single(String key, Object value) {
    if (value instanceof String || value instanceof Number) {
      return String.valueOf(value);
    }
    throw ApiException.badRequest(key + " must be a string" + (value == null ? ", not null" : ", not " + value));
  }

  private static long positive(String key, Object value) {
    try {
      long number = Long.parseLong(single(key, value).strip());
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException notNumber) {
      // Said below.
    }
    throw ApiException.badRequest(key + " must be a positive whole number, not '" + value + "'");
  }

  private static boolean bool(String key, Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof String text && (text.equals("true") || text.equals("false") || text.equals("on") || text.equals("1") || text.equals("0"))) {
      return text.equals("true") || text.equals("on") || text.equals("1");
    }
    throw ApiException.badRequest(key + " must be true or false, not '" + value + "'");
  }
}
