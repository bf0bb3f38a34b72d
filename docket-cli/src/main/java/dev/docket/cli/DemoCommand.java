package dev.docket.cli;

import dev.docket.synthetic.IncidentHosts;
import dev.docket.web.UsersFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docket demo}: the server over a store of synthetic traffic of the last hours, growing as
 * the clock runs, with a user made for the run; until Ctrl-C or SIGTERM.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Docket's server on 127.0.0.1 over a demo store: synthetic traffic of the last three hours (a port scan, "
          + "a DNS tunnel, HTTP, TLS, IPv6, VLANs), one file a minute as tcpdump -G 60 writes them, still growing. "
          + "The store is made once and kept (in ~/.cache/docket/demo, or $XDG_CACHE_HOME/docket/demo); later runs "
          + "add the minutes since. Prints the address, a user and password made for this run, and queries to try.",
      "Example: ./docket demo        (then open the address it prints; Ctrl-C stops it)"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"130:stopped by Ctrl-C (SIGINT)", "143:stopped by SIGTERM", "1:could not start", "2:bad arguments, the port is taken, or another demo runs on --dir"})
final class DemoCommand implements Callable<Integer> {
  static final Duration SPAN = Duration.ofHours(3);

  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8080;

  @Option(names = "--dir", paramLabel = "DIR", description = "Keep the demo's store, spool and users here (default ~/.cache/docket/demo).")
  @Nullable Path directory;

  DemoCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path home = directory != null ? directory : defaultDirectory();
    Files.createDirectories(home);
    try (FileChannel lockFile = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(lockFile, home)) {
      DemoStore store = new DemoStore(home.resolve("store"), SPAN, DemoTraffic.version());
      long started = System.nanoTime();
      DemoStore.Filled filled = store.fill(clock.instant());
      if (filled.made() > 0) {
        err.printf("docket demo: made %d minutes of traffic in %s (%.1f s; kept %d)%n",
            filled.made(), store.directory(), (System.nanoTime() - started) / 1e9, filled.kept());
      }
      ServeCommand.Running running;
      String password;
      try {
        store.append(clock.instant());
        Path users = home.resolve("users");
        Files.deleteIfExists(users);
        password = UsersFile.createWithAdmin(users); // a new password each run: only this one prints it
        running = serve(store.directory(), home.resolve("spool"), users);
      } catch (Exception | Error failed) {
        store.close();
        throw failed;
      }
      ScheduledExecutorService appender = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "docket-demo-appender");
        thread.setDaemon(true);
        return thread;
      });
      CountDownLatch stopped = new CountDownLatch(1);
      appender.scheduleWithFixedDelay(() -> {
        try {
          store.append(clock.instant());
        } catch (IOException | RuntimeException failed) {
          err.println("docket demo: cannot append to " + store.directory() + ": " + failed.getMessage() + "; the store stops growing");
          throw new IllegalStateException(failed); // ends the schedule
        }
      }, 1, 1, TimeUnit.SECONDS);
      printWelcome(out, running.server.uri(), password);
      // Ctrl-C and SIGTERM: stop appending (the newest file keeps what was written), then the server.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        appender.shutdownNow();
        try {
          appender.awaitTermination(10, TimeUnit.SECONDS);
          store.close();
          running.close();
        } catch (IOException | InterruptedException e) {
          System.err.println("docket demo: while stopping: " + e.getMessage());
        }
        stopped.countDown();
      }, "docket-demo-stop"));
      stopped.await();
      return ExitCodes.DONE;
    }
  }

  /** The directory's lock, or a usage error saying another demo holds it. */
  private FileLock lock(FileChannel file, Path home) throws IOException {
    FileLock lock;
    try {
      lock = file.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null;
    }
    if (lock == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "another docket demo is running on " + home + "; stop it, or give this one its own --dir");
    }
    return lock;
  }

  private ServeCommand.Running serve(Path store, Path spool, Path users) throws Exception {
    CommandLine serveLine = new CommandLine(new ServeCommand());
    serveLine.setOut(spec.commandLine().getOut());
    serveLine.setErr(spec.commandLine().getErr());
    ServeCommand serve = serveLine.getCommand();
    serve.stores = List.of(store);
    serve.spool = spool;
    serve.users = users;
    serve.host = "127.0.0.1";
    serve.port = port;
    try {
      return serve.open();
    } catch (CommandLine.ParameterException refused) {
      throw new CommandLine.ParameterException(spec.commandLine(), refused.getMessage());
    }
  }

  /** The address, the user and password on lines of their own (for scripts), and queries to try. */
  private static void printWelcome(PrintWriter out, URI base, String password) {
    IncidentHosts who = DemoTraffic.hosts();
    out.println("Docket is running at " + base + "ui/");
    out.println("user: admin");
    out.println("password: " + password);
    out.println();
    out.println("Paste a query into the page's query box, or fetch it with curl:");
    example(out, base, password, "the port scan of the last quarter hour",
        "after 15m ago and host " + who.scanner() + " and tcp");
    example(out, base, password, "the DNS tunnel, on VLAN 102",
        "after 15m ago and vlan 102 and udp port 53 and host " + who.tunnelClient());
    example(out, base, password, "the web traffic of the last five minutes, IPv4 and IPv6",
        "after 5m ago and tcp port 80");
    out.println("Ctrl-C stops the demo.");
    out.flush();
  }

  private static void example(PrintWriter out, URI base, String password, String what, String query) {
    out.println();
    out.println("  # " + what);
    out.println("  " + query);
    out.println("  curl -s -u 'admin:" + password + "' '" + base + "api/v1/stream?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20") + "' | tcpdump -nr - | head");
  }

  static Path defaultDirectory() {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("docket").resolve("demo");
  }
}
