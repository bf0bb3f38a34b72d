package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.CaptureSink;
import dev.docket.Docket;
import dev.docket.QueryResult;
import dev.docket.filter.QueryReader;
import dev.docket.query.Query;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bpf} field of the REST API (jobs, stream, parse, estimate) over a real server and
 * store: and-ed with the query exactly as {@code docket query --bpf} ands it, so the answer is the
 * front door's capture of the same combined query, byte for byte; a filter libpcap refuses is a 400
 * that names the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BpfFieldTest {
  private static final String WINDOW = "after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:30Z";
  private static final String SYN = "tcp[tcpflags] & tcp-syn != 0";

  private Path directory;
  private Path store;
  private ServerFixture server;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    this.directory = directory;
    store = TestStore.write(directory.resolve("store"), 13, 2, 300);
    server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings.withBasePath("/app/docket"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** What {@code docket query --store STORE --bpf BPF QUERY} writes: the query read, the filter and-ed (BpfOption). */
  private byte[] expected(String query, String bpf, String name) throws Exception {
    QueryReader reader = new QueryReader(Clock.systemUTC());
    Query combined = reader.read(query).and(reader.read("bpf \"" + bpf.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    Path file = directory.resolve(name);
    QueryResult result = Docket.builder().source(TestStore.open("store", store)).build().run(combined, CaptureSink.toFile(file));
    assertThat(result.packets()).as("the combined query matches some packets, or the comparison proves little").isPositive();
    return Files.readAllBytes(file);
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void aJobsBpfIsAndedWithItsQueryAndTheResultIsTheCommandLinesByteForByte() throws Exception {
    String query = "tcp and " + WINDOW;
    HttpResponse<String> submitted = server.post("api/v1/jobs", Json.write(Map.of("query", query, "bpf", SYN)), "alice");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    Map<String, Object> job = ServerFixture.json(submitted.body());
    assertThat(job.get("query")).isEqualTo("tcp and " + WINDOW + " and bpf \"" + SYN + "\"");
    String id = (String) job.get("id");
    server.awaitEnd(id);
    byte[] withFilter = Files.readAllBytes(server.jobs.result(id).orElseThrow());
    assertThat(withFilter).isEqualTo(expected(query, SYN, "syn.pcap"));

    String whole = server.submit(query, "alice");
    server.awaitEnd(whole);
    assertThat(Files.size(server.jobs.result(whole).orElseThrow())).as("the filter keeps only the SYNs of the query's packets")
        .isGreaterThan(withFilter.length);
  }

  @Test
  void aBpfGoesWithDocketsFieldsOrAWholeTcpdumpQueryOrIsTheWholeQuery() throws Exception {
    HttpResponse<String> fields = server.post("api/v1/jobs",
        Json.write(Map.of("proto", "tcp", "after", "2024-06-03T09:00:00Z", "before", "2024-06-03T09:01:00Z", "bpf", "port 443")), "bob");
    assertThat(fields.statusCode()).as(fields.body()).isEqualTo(201);
    assertThat(ServerFixture.json(fields.body()).get("query")).isEqualTo("tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z and bpf \"port 443\"");

    HttpResponse<String> tcpdump = server.post("api/v1/jobs", Json.write(Map.of("query", "tcp[13] & 2 != 0", "bpf", "port 443")), "bob");
    assertThat(tcpdump.statusCode()).as(tcpdump.body()).isEqualTo(201);
    assertThat(ServerFixture.json(tcpdump.body()).get("query")).isEqualTo("bpf \"tcp[13] & 2 != 0\" and bpf \"port 443\"");
    String id = (String) ServerFixture.json(tcpdump.body()).get("id");
    server.awaitEnd(id);
    assertThat(Files.readAllBytes(server.jobs.result(id).orElseThrow())).isEqualTo(expected("tcp[13] & 2 != 0", "port 443", "tcpdump.pcap"));

    HttpResponse<String> alone = server.post("api/v1/jobs", Json.write(Map.of("query", "", "bpf", "udp port 53")), "bob");
    assertThat(alone.statusCode()).as(alone.body()).isEqualTo(201);
    assertThat(ServerFixture.json(alone.body()).get("query")).isEqualTo("bpf \"udp port 53\"");
  }

  @Test
  void aFilterLibpcapRefusesIsA400NamingTheFieldOnEveryRouteAndSubmitsNothing() throws Exception {
    int before = server.jobs.jobs().size();
    String bad = "tcp[tcpflags] & tcp-sin != 0";
    List<HttpResponse<String>> refused = List.of(
        server.post("api/v1/jobs", Json.write(Map.of("query", "tcp and " + WINDOW, "bpf", bad)), "alice"),
        server.post("api/v1/parse", Json.write(Map.of("query", "tcp and " + WINDOW, "bpf", bad)), "alice"),
        server.get("api/v1/estimate?query=" + encoded("tcp and " + WINDOW) + "&bpf=" + encoded(bad), "alice"),
        server.get("api/v1/stream?query=" + encoded("tcp and " + WINDOW) + "&bpf=" + encoded(bad), "alice"),
        server.post("api/v1/jobs", Json.write(Map.of("query", "tcp and " + WINDOW, "bpf", "(port 80")), "alice"));
    for (HttpResponse<String> response : refused) {
      assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(400);
      Map<String, Object> json = ServerFixture.json(response.body());
      assertThat(json).as(response.uri().toString()).containsEntry("error", "bad tcpdump filter").containsEntry("field", "bpf");
      assertThat((String) json.get("detail")).containsAnyOf("libpcap refuses the tcpdump filter: ", "the tcpdump filter is refused: ");
    }
    // libpcap's own words reach the user; a name Docket will not look up is said in Docket's.
    assertThat(ServerFixture.json(refused.get(4).body()).get("detail")).asString().startsWith("libpcap refuses the tcpdump filter: ");
    assertThat(ServerFixture.json(refused.get(0).body()).get("detail")).asString()
        .isEqualTo("the tcpdump filter is refused: libpcap would look 'tcp-sin' up as a host name, and Docket never looks names up; give an address");
    assertThat(server.jobs.jobs()).as("nothing was submitted").hasSize(before);
    assertThat(server.post("api/v1/jobs", Json.write(Map.of("query", "tcp", "bpf", 42)), "alice").body()).contains("bpf must be a string");
  }

  @Test
  void parseShowsTheCombinedQueryAndTheQuerysOwnErrorKeepsItsColumn() throws Exception {
    HttpResponse<String> parsed = server.post("api/v1/parse", Json.write(Map.of("query", "host 10.1.0.10 or port 53", "bpf", SYN)), "alice");
    assertThat(parsed.statusCode()).as(parsed.body()).isEqualTo(200);
    assertThat(ServerFixture.json(parsed.body()))
        .containsEntry("canonical", "(host 10.1.0.10 or port 53) and bpf \"" + SYN + "\"")
        .containsEntry("tcpdump", false)
        .containsEntry("bpf", "(ip host 10.1.0.10 or port 53) and (" + SYN + ")");
    Map<String, Object> alone = ServerFixture.json(server.post("api/v1/parse", Json.write(Map.of("bpf", "arp")), "alice").body());
    assertThat(alone).containsEntry("canonical", "bpf \"arp\"");

    HttpResponse<String> bad = server.post("api/v1/parse", Json.write(Map.of("query", "host 10.1.0.10 and port banana", "bpf", SYN)), "alice");
    assertThat(bad.statusCode()).isEqualTo(400);
    Map<String, Object> error = ServerFixture.json(bad.body());
    assertThat(error).containsEntry("error", "bad query").containsEntry("column", 25).doesNotContainKey("field");
  }

  @Test
  void aStreamAndAnEstimateTakeTheBpfParameter() throws Exception {
    String query = "tcp and " + WINDOW;
    HttpResponse<byte[]> stream = server.bytes(server.request("api/v1/stream?query=" + encoded(query) + "&bpf=" + encoded(SYN), "alice").GET().build());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).isEqualTo(expected(query, SYN, "stream.pcap"));

    HttpResponse<String> estimate = server.get("api/v1/estimate?query=" + encoded(query) + "&bpf=" + encoded(SYN), "alice");
    assertThat(estimate.statusCode()).as(estimate.body()).isEqualTo(200);
    assertThat(estimate.body()).contains("\"name\":\"store\"");
    HttpResponse<String> neither = server.get("api/v1/estimate", "alice");
    assertThat(neither.statusCode()).isEqualTo(400);
    assertThat(neither.body()).contains("give the query");
  }
}
