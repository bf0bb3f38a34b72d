package dev.docket.cli;

import com.google.common.collect.ImmutableMap;
import dev.docket.query.InvalidQueryException;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code docket}: the top-level command. Exit codes: 0 done, 1 failure, 2 bad query or arguments, 3
 * done but an input was damaged or skipped.
 */
@Command(
    name = "docket",
    mixinStandardHelpOptions = true,
    versionProvider = DocketVersion.class,
    description = "Finds the packets of an incident: query capture sources, merge the matches in time order.")
public final class DocketCommand implements Runnable {
  /** The commands by name, in the order help lists them. */
  static final ImmutableMap<String, Class<?>> COMMANDS =
      ImmutableMap.of(
          "filter", FilterCommand.class,
          "merge", MergeCommand.class,
          "query", QueryCommand.class,
          "parse", ParseCommand.class,
          "generate", GenerateCommand.class,
          "serve", ServeCommand.class,
          "demo", DemoCommand.class,
          "passwd", PasswdCommand.class,
          "help", CommandLine.HelpCommand.class);

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
    CommandLine commandLine = new CommandLine(new DocketCommand(), new ClockFactory(clock));
    // Only the command asked for is built: picocli reads each command's annotations by reflection,
    // which at start-up costs milliseconds a command. Help, no command or an unknown one: all, to list.
    Class<?> asked = args.length > 0 ? COMMANDS.get(args[0]) : null;
    if (asked != null && asked != CommandLine.HelpCommand.class) {
      commandLine.addSubcommand(args[0], asked);
    } else {
      COMMANDS.forEach(commandLine::addSubcommand);
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(new UsageErrors(err));
    commandLine.setExecutionExceptionHandler(new Failures(err));
    return commandLine.execute(args);
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
