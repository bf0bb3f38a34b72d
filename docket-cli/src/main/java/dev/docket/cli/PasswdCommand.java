package dev.docket.cli;

import dev.docket.web.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docket passwd [--file F] USER}: adds a user to the server's htpasswd file or changes their
 * password, with bcrypt. On a terminal it prompts twice without echo; otherwise it reads one line
 * from standard input, so that scripts can set a password.
 */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    description = {
      "Add USER to the server's htpasswd file, or change their password (bcrypt, as htpasswd -B).",
      "On a terminal the password is asked twice without echo; otherwise one line is read from standard input.",
      "Example: echo \"$PASSWORD\" | docket passwd --file /etc/docket/users alice"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the password was set", "1:the file cannot be written", "2:bad arguments, or the passwords differ or are empty"})
final class PasswdCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", paramLabel = "FILE", description = "The htpasswd file (default ~/.local/share/docket/users, where docket serve looks).")
  Path file = Path.of(System.getProperty("user.home"), ".local", "share", "docket", "users");

  @Parameters(paramLabel = "USER", description = "The user to add or change.")
  String user = "";

  @Override
  public Integer call() throws IOException {
    String password = password();
    try {
      UsersFile.setPassword(file, user, password);
    } catch (IllegalArgumentException invalid) {
      throw new CommandLine.ParameterException(spec.commandLine(), invalid.getMessage());
    }
    spec.commandLine().getErr().println("docket: set the password of " + user + " in " + file);
    return ExitCodes.DONE;
  }

  private String password() throws IOException {
    // Java 17 has a console only when standard input and output are both a terminal.
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("New password for %s: ", user);
      char[] second = console.readPassword("Again: ");
      if (first == null || second == null || !Arrays.equals(first, second)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "the passwords differ; nothing changed");
      }
      return new String(first);
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no password on standard input; give it as one line");
    }
    return line;
  }
}
