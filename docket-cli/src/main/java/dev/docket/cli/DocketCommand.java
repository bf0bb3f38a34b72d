package dev.docket.cli;

import com.google.common.collect.ImmutableMap;
import dev.docket.query.InvalidQueryException;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code docket}: the top-level command. Exit codes: 0 done, 1 failure, 2 bad query or arguments, 3
 * done but an input was damaged or skipped; and for {@code docket jobs}, 4 credentials refused and 5
 * server unreachable.
 */
@Command(
    name = "docket",
    mixinStandardHelpOptions = true,
    versionProvider = DocketVersion.class,
    description = "Finds the packets of an incident: query capture sources, merge the matches in time order.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:a failure: an input cannot be read, the output cannot be written (nothing is left behind); for jobs, the job failed",
      "2:a bad query, bad arguments or a bad configuration file",
      "3:done, but an input was damaged or a source failed: the rest was written",
      "4:docket jobs: the server refused the credentials, or none were found",
      "5:docket jobs: the server cannot be reached"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  docket generate --size 200M -w sample.pcap",
      "  docket filter 'udp port 53 and host 10.1.9.106' sample.pcap | tcpdump -nr -",
      "  docket query --store /var/spool/pcap -w incident.pcap 'host 10.0.0.1 and after 1h ago'",
      "  docket serve --store /var/spool/pcap --port 8080",
      "  DOCKET_SERVER=http://127.0.0.1:8080/ docket jobs submit --wait -w incident.pcap 'host 10.0.0.1 and after 1h ago'",
      "  source <(docket completion)",
      "Each command's --help tells more: docket query --help"
    })
public final class DocketCommand implements Runnable {
  /** The commands by name, in the order help lists them. */
  static final ImmutableMap<String, Class<?>> COMMANDS =
      ImmutableMap.<String, Class<?>>builder()
          .put("filter", FilterCommand.class)
          .put("merge", MergeCommand.class)
          .put("query", QueryCommand.class)
          .put("parse", ParseCommand.class)
          .put("generate", GenerateCommand.class)
          .put("serve", ServeCommand.class)
          .put("demo", DemoCommand.class)
          .put("passwd", PasswdCommand.class)
          .put("jobs", JobsCommand.class)
          .put("completion", CompletionCommand.class)
          .put("help", CommandLine.HelpCommand.class)
          .buildOrThrow();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // 'docket' alone: show what there is to do, as a usage error (exit 2), on stderr.
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "give a command, such as 'docket parse QUERY'");
  }

  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler(new LastResort(System.err));
    int exit;
    try {
      exit = execute(Clock.systemUTC(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    } catch (VirtualMachineError | RuntimeException escaped) {
      System.err.println(LastResort.describe(escaped));
      exit = ExitCodes.FAILURE;
    }
    System.exit(exit);
  }

  /** Runs {@code docket args} with the given clock and streams; returns the exit code. */
  static int execute(Clock clock, PrintWriter out, PrintWriter err, String... args) {
    return execute(clock, Environment.system(), out, err, args);
  }

  /** Runs {@code docket args} with the given clock, environment and streams; returns the exit code. */
  static int execute(Clock clock, Environment environment, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new DocketCommand(), new CommandFactory(clock, environment));
    // Only the command asked for is built: picocli reads each command's annotations by reflection,
    // which at start-up costs milliseconds a command. Help, no command, an unknown one, or the
    // completion script: all, to list.
    Class<?> asked = args.length > 0 ? COMMANDS.get(args[0]) : null;
    if (asked != null && asked != CommandLine.HelpCommand.class && asked != CompletionCommand.class) {
      commandLine.addSubcommand(args[0], asked);
    } else {
      COMMANDS.forEach(commandLine::addSubcommand);
    }
    // Every command answers --version as docket does (the version provider is not inherited).
    withVersion(commandLine);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(new UsageErrors(err));
    commandLine.setExecutionExceptionHandler(new Failures(err));
    return commandLine.execute(args);
  }

  private static void withVersion(CommandLine command) {
    if (command.getCommandSpec().mixinStandardHelpOptions()) {
      command.getCommandSpec().versionProvider(new DocketVersion());
    }
    command.getSubcommands().values().forEach(DocketCommand::withVersion);
  }

  // The two handlers are classes, not lambdas: a lambda implementing one of picocli's interfaces
  // keeps picocli (compiled for Java 5) out of the start-up class-data archive, since Java 17
  // archives no old class the archiving run had to link, and it is spun at every start.

  /** A bad argument: the message and where to get help, on stderr; exit 2. */
  private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private final PrintWriter err;

    UsageErrors(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] arguments) {
      err.println("docket: " + exception.getMessage());
      err.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    }
  }

  /**
   * A command that failed: a user never sees a stack trace, only one line naming what failed. A
   * query that cannot be understood is the user's to fix, like a bad argument: exit 2, from
   * whichever command; anything else exit 1.
   */
  private static final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final PrintWriter err;

    Failures(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, CommandLine.ParseResult parseResult) {
      if (exception instanceof CommandFailure failure) {
        err.println("docket: " + failure.getMessage());
        return failure.exitCode();
      }
      String message = exception.getMessage();
      if (message != null && message.contains("Too many open files")) {
        err.println(LastResort.describe(exception));
      } else {
        err.println("docket: " + (message == null ? exception.getClass().getSimpleName() : message));
      }
      return exception instanceof InvalidQueryException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }
  }
}
