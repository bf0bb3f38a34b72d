package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.docket.job.HoldableSource;
import dev.docket.job.JobService;
import dev.docket.job.JobState;
import dev.docket.job.JobSettings;
import dev.docket.source.PacketSource;
import dev.docket.store.LocalStore;
import dev.docket.store.StoreOptions;
import dev.docket.web.DocketServer;
import dev.docket.web.ServerSettings;
import dev.docket.web.UsersFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docket jobs} against a real server: {@link DocketServer} over a real job service and a
 * generated store ({@code archive}), beside the same store as a source the tests can hold or make
 * fail ({@code held}), with the users alice and bob.
 */
class JobsCommandTest {
  private static final String QUERY = "tcp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:30Z";

  @TempDir static Path shared;
  private static Path store;
  private static JobService jobs;
  private static DocketServer server;
  private static HoldableSource held;

  @TempDir Path directory;

  @BeforeAll
  static void startAServer() throws IOException {
    store = shared.resolve("store");
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "generate", "--packets", "20000", "--rate", "200", "--rotate", "10s", "-w", store + "/")).isZero();
    Path users = shared.resolve("users");
    UsersFile.setPassword(users, "alice", "alice-password");
    UsersFile.setPassword(users, "bob", "bob-password");
    held = new HoldableSource("held", open("held"));
    List<PacketSource> sources = List.of(open("archive"), held.source());
    jobs = JobService.open(JobSettings.in(shared.resolve("spool")), sources);
    server = DocketServer.start(ServerSettings.of(users).withPort(0), jobs, sources);
  }

  private static LocalStore open(String name) {
    return new LocalStore(new StoreOptions(name, List.of(store), Optional.of(shared.resolve("state-" + name)), 2));
  }

  @AfterAll
  static void stopTheServer() {
    server.close();
    jobs.close();
  }

  @AfterEach
  void letTheHeldSourceGo() {
    held.release();
    held.failWith(Optional.empty());
  }

  /** A run of {@code docket} and what it printed. */
  private record Run(int exit, String out, String err) {}

  private Run docket(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = DocketCommand.execute(Clock.systemUTC(), Environment.of(environment, directory), new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** As alice, the server from DOCKET_SERVER. */
  private Run alice(String... args) {
    return docket(asAlice(), args);
  }

  private static Map<String, String> asAlice() {
    return Map.of("DOCKET_SERVER", server.uri().toString(), "DOCKET_USER", "alice", "DOCKET_PASSWORD", "alice-password");
  }

  private static String id(Run run) {
    assertThat(run.exit()).as(run.err()).isZero();
    return run.out().strip();
  }

  private Path docketQuery(String query) {
    Path expected = directory.resolve("expected.pcap");
    Run run = docket(Map.of(), "query", "--store", store.toString(), "--state", directory.resolve("state").toString(), "-w", expected.toString(), query);
    assertThat(run.exit()).as(run.err()).isZero();
    return expected;
  }

  @Test
  void submitWaitWriteGivesTheFileDocketQueryWritesOfTheSameQuery() throws Exception {
    Path result = directory.resolve("incident.pcap");
    Run run = alice("jobs", "submit", "--source", "archive", "--wait", "-w", result.toString(), QUERY);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().strip()).matches("[0-9a-f]{32}");
    assertThat(Files.size(result)).isGreaterThan(100_000);
    assertThat(Files.mismatch(result, docketQuery(QUERY))).isEqualTo(-1);
    try (var left = Files.list(directory)) {
      assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
  }

  @Test
  void aTcpdumpFilterGoesToTheServerInsideTheQueryAsBpf() throws Exception {
    dev.docket.testing.ExternalTool.require("tcpdump", "tcpdump"); // libpcap, which compiles bpf "..."
    String query = "bpf \"tcp[13] & 2 != 0\" and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z";
    Path result = directory.resolve("syn.pcap");
    Run run = alice("jobs", "submit", "--source", "archive", "-w", result.toString(), query);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.size(result)).isGreaterThan(24);
    assertThat(Files.mismatch(result, docketQuery(query))).isEqualTo(-1);
  }

  @Test
  void submitWithoutWaitPrintsTheIdAndTheSameQueryAgainIsTheSameJob() {
    String query = "udp and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:40Z";
    String first = id(alice("jobs", "submit", "--source", "archive", query));
    Run again = alice("jobs", "submit", "--source", "archive", query);
    assertThat(id(again)).isEqualTo(first);
    assertThat(again.err()).contains("the same query was submitted moments ago: job " + first);
  }

  @Test
  void statusWaitFollowsTheJobToItsEndAndShowsItsSourcesAndResult() throws Exception {
    String id = id(alice("jobs", "submit", "--source", "archive", "icmp or arp"));
    Run status = alice("jobs", "status", "--wait", id);
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("id:        " + id, "state:     done", "query:     ", "source:    archive done", "result:    ");

    Run json = alice("jobs", "status", "--json", id);
    Map<String, Object> job = JSON.std.mapFrom(json.out());
    assertThat(job).containsEntry("id", id).containsEntry("state", "done").containsEntry("user", "alice");

    Run polled = alice("jobs", "status", "--wait", "--poll", id);
    assertThat(polled.exit()).isZero();
  }

  @Test
  void listShowsTheUsersJobsNewestFirstFilteredByStateAsATableOrJson() throws Exception {
    String older = id(alice("jobs", "submit", "--source", "archive", "--wait", "port 53 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:20Z"));
    String newer = id(alice("jobs", "submit", "--source", "archive", "--wait", "port 53 and after 2024-06-03T09:00:20Z and before 2024-06-03T09:00:40Z"));
    Run table = alice("jobs", "list");
    assertThat(table.exit()).as(table.err()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("STATE", "SUBMITTED", "SIZE", "QUERY");
    assertThat(table.out().indexOf(newer)).isLessThan(table.out().indexOf(older)).isPositive();

    Map<String, Object> page = JSON.std.mapFrom(alice("jobs", "list", "--state", "done", "--json").out());
    List<String> states = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Object job : (List<?>) page.get("jobs")) {
      states.add((String) ((Map<?, ?>) job).get("state"));
      ids.add((String) ((Map<?, ?>) job).get("id"));
    }
    assertThat(states).isNotEmpty().containsOnly("done");
    assertThat(ids).contains(older, newer);
    assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));

    // Bob sees none of alice's jobs.
    Map<String, String> bob = new HashMap<>(asAlice());
    bob.put("DOCKET_USER", "bob");
    bob.put("DOCKET_PASSWORD", "bob-password");
    assertThat(docket(bob, "jobs", "list").out()).doesNotContain(older);
    Run notHis = docket(bob, "jobs", "get", older, "-w", directory.resolve("x.pcap").toString());
    assertThat(notHis.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(notHis.err()).startsWith("docket: could not read the job " + older + ": no job " + older).contains("docket jobs list shows yours");

    Run badState = alice("jobs", "list", "--state", "finished");
    assertThat(badState.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badState.err()).contains("state 'finished' is not one of queued, running, done");
  }

  @Test
  void cancelStopsARunningJobWhichThenHasNoResult() {
    held.hold();
    String id = id(alice("jobs", "submit", "--source", "held", "host 10.1.9.106"));
    Run cancel = alice("jobs", "cancel", id);
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(cancel.out()).isEqualTo(id + " cancelled\n");

    Run status = alice("jobs", "status", "--wait", id);
    assertThat(status.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(status.out()).contains("state:     cancelled");

    Path file = directory.resolve("cancelled.pcap");
    Run get = alice("jobs", "get", id, "-w", file.toString());
    assertThat(get.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(get.err()).startsWith("docket: job " + id + " cancelled").endsWith("; it has no result to download\n");
    assertThat(file).doesNotExist();

    Run again = alice("jobs", "cancel", id);
    assertThat(again.exit()).isZero();
    assertThat(again.out()).isEqualTo(id + " cancelled\n");
  }

  @Test
  void getOfAJobStillRunningSaysToWaitAndGetWaitDownloadsWhenItEnds() throws Exception {
    held.hold();
    String query = "tcp port 443 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z";
    String id = id(alice("jobs", "submit", "--source", "held", query));
    Run early = alice("jobs", "get", id, "-w", directory.resolve("early.pcap").toString());
    assertThat(early.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(early.err()).matches("docket: job " + id + " is still (queued|running); wait for it with docket jobs get --wait " + id + "\n");
    held.release();
    Path file = directory.resolve("late.pcap");
    Run late = alice("jobs", "get", "--wait", id, "-w", file.toString());
    assertThat(late.exit()).as(late.err()).isZero();
    assertThat(Files.mismatch(file, docketQuery(query))).isEqualTo(-1);
  }

  @Test
  void getResumesAPartialDownloadFromWhereItStoppedAndStartsAgainWhenThePartIsTooLong() throws Exception {
    String query = "tcp port 80 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z";
    String id = id(alice("jobs", "submit", "--source", "archive", "--wait", query));
    byte[] whole = Files.readAllBytes(docketQuery(query));
    Path file = directory.resolve("resumed.pcap");
    // A part file of zeros where the first half was: only the rest is asked for, so the zeros stay.
    int half = whole.length / 2;
    byte[] expected = whole.clone();
    java.util.Arrays.fill(expected, 0, half, (byte) 0);
    Files.write(JobDownload.partFile(file, id), new byte[half]);
    Run resumed = alice("jobs", "get", id, "-w", file.toString());
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    assertThat(JobDownload.partFile(file, id)).doesNotExist();

    // A part file longer than the result is not its part: the whole result is downloaded.
    Files.write(JobDownload.partFile(file, id), new byte[whole.length + 10]);
    Run restarted = alice("jobs", "get", id, "-w", file.toString());
    assertThat(restarted.exit()).as(restarted.err()).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(whole);
  }

  @Test
  void aSourceThatFailsGivesAPartialResultAndExitThree() throws Exception {
    held.failWith(Optional.of("the sensor's disk is gone"));
    String query = "udp port 53 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:01:00Z";
    Path file = directory.resolve("partial.pcap");
    Run run = alice("jobs", "submit", "--source", "archive", "--source", "held", "-w", file.toString(), query);
    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(run.err()).contains("partial", "held: ").contains("the sensor's disk is gone");
    assertThat(Files.mismatch(file, docketQuery(query))).isEqualTo(-1);
  }

  @Test
  void aBadQueryIsExitTwoWithTheServersReasonAndColumn() {
    Run run = alice("jobs", "submit", "host 10.0.0.1 and");
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("docket: the server refused to submit the job: error at column 18: ").doesNotContain("\tat ");
    assertThat(run.err().lines()).hasSize(1);

    Run format = alice("jobs", "submit", "--format", "erf", "tcp");
    assertThat(format.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(format.err()).startsWith("docket: --format erf is not pcap, pcap-ns or pcapng");
  }

  @Test
  void wrongOrMissingCredentialsAreExitFourNamingTheUserAndTheWayOut() {
    Map<String, String> wrong = new HashMap<>(asAlice());
    wrong.put("DOCKET_PASSWORD", "not-her-password");
    Run run = docket(wrong, "jobs", "list");
    assertThat(run.exit()).isEqualTo(ExitCodes.AUTH_REFUSED);
    assertThat(run.err()).isEqualTo("docket: the server at " + server.uri() + " refused the credentials of user alice from "
        + "DOCKET_USER/DOCKET_PASSWORD (401: wrong user or password); set DOCKET_USER/DOCKET_PASSWORD or ~/.netrc (or give --netrc FILE)\n");

    Run none = docket(Map.of("DOCKET_SERVER", server.uri().toString()), "jobs", "list");
    assertThat(none.exit()).isEqualTo(ExitCodes.AUTH_REFUSED);
    assertThat(none.err()).startsWith("docket: no credentials for the server at " + server.uri() + "; set DOCKET_USER and DOCKET_PASSWORD")
        .contains("'machine 127.0.0.1 login USER password PASSWORD'");
  }

  @Test
  void credentialsComeFromANetrcFileGivenOrInTheHomeDirectory() throws Exception {
    String netrc = "machine other.example login eve password eve\nmachine 127.0.0.1\n  login alice\n  password alice-password\n";
    Path given = Files.writeString(directory.resolve("my-netrc"), netrc);
    Run fromGiven = docket(Map.of(), "jobs", "list", "--server", server.uri().toString(), "--netrc", given.toString());
    assertThat(fromGiven.exit()).as(fromGiven.err()).isZero();

    Files.writeString(directory.resolve(".netrc"), netrc); // the test's home directory
    Run fromHome = docket(Map.of("DOCKET_SERVER", server.uri().toString()), "jobs", "list");
    assertThat(fromHome.exit()).as(fromHome.err()).isZero();

    Files.writeString(directory.resolve(".netrc"), "default login alice password wrong\n");
    Run refused = docket(Map.of("DOCKET_SERVER", server.uri().toString()), "jobs", "list");
    assertThat(refused.exit()).isEqualTo(ExitCodes.AUTH_REFUSED);
    assertThat(refused.err()).contains("user alice from " + directory.resolve(".netrc"));

    Run missing = docket(Map.of(), "jobs", "list", "--server", server.uri().toString(), "--netrc", directory.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).startsWith("docket: --netrc " + directory.resolve("nope") + ": no such file");
  }

  @Test
  void aServerThatIsDownIsExitFive() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free, and closed again: nothing listens there
    }
    Map<String, String> down = new HashMap<>(asAlice());
    down.put("DOCKET_SERVER", "http://127.0.0.1:" + port + "/");
    Run run = docket(down, "jobs", "submit", "tcp");
    assertThat(run.exit()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err()).startsWith("docket: cannot reach the server at http://127.0.0.1:" + port + "/ (")
        .endsWith("); check --server or DOCKET_SERVER, and that docket serve runs there\n");
  }

  @Test
  void aServerUrlWithoutDocketsApiOrThatIsNotAUrlIsSaidSo() {
    Map<String, String> elsewhere = new HashMap<>(asAlice());
    elsewhere.put("DOCKET_SERVER", server.uri().resolve("app/docket").toString());
    Run run = docket(elsewhere, "jobs", "list");
    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("has no Docket API there").contains("give --server with the base path");

    Run notUrl = alice("jobs", "list", "--server", "ftp://example/");
    assertThat(notUrl.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(notUrl.err()).startsWith("docket: --server ftp://example/ is not an http or https URL");

    Run withPassword = alice("jobs", "list", "--server", "http://alice:secret@127.0.0.1:1/");
    assertThat(withPassword.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(withPassword.err()).startsWith("docket: --server must not hold credentials");

    Run noServer = docket(Map.of("DOCKET_USER", "alice", "DOCKET_PASSWORD", "x"), "jobs", "list");
    assertThat(noServer.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noServer.err()).isEqualTo("docket: no server given; give --server URL or set DOCKET_SERVER, such as http://127.0.0.1:8080/\n");
  }

  @Test
  void anUnknownJobIsExitOneSayingHowToFindYours() {
    Run run = alice("jobs", "status", "0123456789abcdef0123456789abcdef");
    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("no job 0123456789abcdef0123456789abcdef").contains("docket jobs list shows yours");
  }

  @Test
  void aFileThatCannotBeWrittenIsRefusedBeforeTheJobIsSubmitted() {
    Path nowhere = directory.resolve("no-such-directory/result.pcap");
    Run run = alice("jobs", "submit", "-w", nowhere.toString(), "tcp and host 10.9.9.9");
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("docket: -w " + nowhere + ": the directory " + nowhere.getParent() + " does not exist; create it or give another FILE\n");
    assertThat(alice("jobs", "list").out()).doesNotContain("10.9.9.9");
  }

  @Test
  @Timeout(120)
  void waitingFollowsTheServersEventsRatherThanPolling() throws Exception {
    held.hold();
    String id = id(alice("jobs", "submit", "--source", "held", "tcp port 22"));
    JobsClient client = new JobsClient(server.uri(), new Credentials("alice", "alice-password", "the test"), Optional.empty(), Duration.ofSeconds(10));
    List<RemoteJob> seen = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    // Polling would ask once and then sleep for a day: only the events can end this in time.
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<RemoteJob> ended = thread.submit(() -> new JobFollower(client, Duration.ofDays(1)).follow(id, true, job -> {
        seen.add(job);
        first.countDown();
      }));
      first.await();
      assertThat(seen.get(0).state().hasEnded()).isFalse();
      held.release();
      assertThat(ended.get().state()).isEqualTo(JobState.DONE);
      assertThat(seen.get(seen.size() - 1).state()).isEqualTo(JobState.DONE);
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void jobsAloneShowsItsCommandsAsAUsageError() {
    Run run = alice("jobs");
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("list", "submit", "status", "get", "cancel", "delete").contains("docket: give a jobs command");
  }

  @Test
  void deleteRemovesTheJob() {
    String id = id(alice("jobs", "submit", "--source", "archive", "--wait", "ip6 and after 2024-06-03T09:00:00Z and before 2024-06-03T09:00:30Z"));
    Run delete = alice("jobs", "delete", id);
    assertThat(delete.exit()).as(delete.err()).isZero();
    assertThat(delete.out()).isEqualTo(id + " deleted\n");
    assertThat(alice("jobs", "status", id).exit()).isEqualTo(ExitCodes.FAILURE);
  }
}
