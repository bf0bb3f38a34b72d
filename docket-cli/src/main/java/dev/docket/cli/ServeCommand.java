package dev.docket.cli;

import com.google.common.base.Throwables;
import com.google.common.io.Closer;
import dev.docket.config.ConfigException;
import dev.docket.config.ConfigFile;
import dev.docket.config.DocketConfig;
import dev.docket.config.ServerConfig;
import dev.docket.job.JobService;
import dev.docket.job.JobSettings;
import dev.docket.source.PacketSource;
import dev.docket.store.StoreOptions;
import dev.docket.web.DocketServer;
import dev.docket.web.ServerSettings;
import dev.docket.web.UsersFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docket serve}: the web server over the sources of --store and --config, until SIGTERM.
 * Flags override the configuration file's {@code server:} part.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve Docket's REST API and the original Docket's routes over the sources of --store and --config, "
          + "with HTTP Basic authentication from an htpasswd file (created with a user admin on first start).",
      "Example: docket serve --store /var/spool/pcap --port 8080"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"143:stopped by SIGTERM (130: by Ctrl-C), a clean stop", "1:could not start", "2:bad arguments, a bad configuration file, or the port is taken"})
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "A YAML file of sources and a server: part (see the README).")
  @Nullable Path config;

  @Option(names = "--store", paramLabel = "DIR", description = "A directory tree of capture files; repeat for more.")
  List<Path> stores = List.of();

  @Option(names = "--state", paramLabel = "DIR", description = "Keep the --store catalogs in DIR.")
  @Nullable Path state;

  @Option(names = "--host", paramLabel = "ADDR", description = "The address to listen on (default 127.0.0.1).")
  @Nullable String host;

  @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default 8080; 0 picks a free one).")
  @Nullable Integer port;

  @Option(names = "--base-path", paramLabel = "PATH", description = "Serve every route under PATH, such as /app/docket.")
  @Nullable String basePath;

  @Option(names = "--users", paramLabel = "FILE", description = "The htpasswd file (default: users beside the spool).")
  @Nullable Path users;

  @Option(names = "--spool", paramLabel = "DIR", description = "Where jobs and results are kept (default ~/.local/share/docket/spool).")
  @Nullable Path spool;

  @Option(names = "--threads", paramLabel = "N", description = "Files each store reads at once (default ${DEFAULT-VALUE}).")
  int threads = StoreOptions.DEFAULT_PARALLELISM;

  /** A started server and everything it runs on, closed in reverse order. */
  static final class Running implements Closeable {
    final DocketServer server;
    private final Closer closer;

    Running(DocketServer server, Closer closer) {
      this.server = server;
      this.closer = closer;
    }

    @Override
    public void close() throws IOException {
      closer.close();
    }
  }

  @Override
  public Integer call() throws Exception {
    Running running;
    try {
      running = start();
    } catch (ConfigException invalid) {
      spec.commandLine().getErr().println("docket: " + invalid.getMessage());
      return ExitCodes.USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (and Ctrl-C): stop listening, then cancel running jobs; queued ones stay for the next start.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (IOException e) {
        System.err.println("docket: while stopping: " + e.getMessage());
      }
      stopped.countDown();
    }, "docket-serve-stop"));
    stopped.await();
    return ExitCodes.DONE;
  }

  /** Opens the sources and the job service and starts the server; prints where it is. */
  Running start() throws ConfigException, IOException {
    Running running = open();
    spec.commandLine().getOut().println("Docket is running at " + running.server.uri());
    spec.commandLine().getOut().flush();
    return running;
  }

  /** {@link #start}, printing nothing but a users file it created: for a command that says more, as demo does. */
  Running open() throws ConfigException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    DocketConfig read = config == null ? null : ConfigFile.read(config);
    ServerConfig file = read == null ? ServerConfig.NONE : read.server();
    if (stores.isEmpty() && (read == null || read.sources().isEmpty())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give the sources: --store DIR, --config FILE with sources:, or both");
    }
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    Path spoolDirectory = spool != null ? spool : file.spool().orElse(Path.of(System.getProperty("user.home"), ".local", "share", "docket", "spool"));
    Path usersFile = users != null ? users : file.users().orElse(spoolDirectory.toAbsolutePath().resolveSibling("users"));
    if (!Files.exists(usersFile)) {
      String password = UsersFile.createWithAdmin(usersFile);
      out.println("docket: created " + usersFile + " with the user admin, password " + password
          + " (shown once; change it with docket passwd --file " + usersFile + " admin)");
    }
    ServerSettings settings = ServerSettings.of(usersFile)
        .withHost(host != null ? host : file.host().orElse(ServerSettings.DEFAULT_HOST))
        .withPort(port != null ? port : file.port().orElse(ServerSettings.DEFAULT_PORT))
        .withBasePath(basePath != null ? basePath : file.basePath().orElse("/"))
        .withAllowPlainHttp(file.allowPlainHttp());
    settings = settings.withTrustedOrigins(new HashSet<>(file.trustedOrigins()));
    if (!file.admins().isEmpty()) {
      settings = settings.withAdmins(new HashSet<>(file.admins()));
    }
    if (file.tlsCertificate().isPresent() && file.tlsKey().isPresent()) {
      settings = settings.withTls(new ServerSettings.Tls(file.tlsCertificate().get(), file.tlsKey().get()));
    }
    if (file.auditLog().isPresent()) {
      settings = settings.withAuditLog(file.auditLog().get());
    }
    JobSettings jobSettings = JobSettings.in(spoolDirectory)
        .withLimits(file.maxPackets().orElse(JobSettings.DEFAULT_MAX_PACKETS), file.maxBytes().orElse(JobSettings.DEFAULT_MAX_BYTES));
    if (file.expiry().isPresent()) {
      jobSettings = jobSettings.withExpiry(file.expiry().get());
    }
    Closer closer = Closer.create();
    try {
      List<PacketSource> sources = CommandSources.open(stores, Optional.ofNullable(state), threads, read, closer);
      JobService jobs = JobService.open(jobSettings, sources);
      closer.register(jobs::close);
      jobs.problems().forEach(problem -> spec.commandLine().getErr().println("docket: " + problem));
      DocketServer server;
      try {
        server = DocketServer.start(settings, jobs, sources);
      } catch (IllegalArgumentException cannotServe) {
        throw new CommandLine.ParameterException(spec.commandLine(), cannotServe.getMessage());
      } catch (RuntimeException failed) {
        if (Throwables.getCausalChain(failed).stream().anyMatch(BindException.class::isInstance)) {
          throw new CommandLine.ParameterException(spec.commandLine(), settings.host() + ":" + settings.port()
              + " is in use by another program; give another --port N, or --port 0 for any free port");
        }
        throw failed;
      }
      closer.register(server::close);
      return new Running(server, closer);
    } catch (IOException | RuntimeException failed) {
      closer.close();
      throw failed;
    }
  }
}
