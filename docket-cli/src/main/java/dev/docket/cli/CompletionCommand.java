package dev.docket.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code docket completion}: a bash and zsh completion script for every command, made by picocli from their options. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for docket: its commands, their options, and files where a FILE is asked. "
          + "The script is bash's; zsh runs it through bashcompinit.",
      "Examples:",
      "  source <(docket completion)                                # this bash session",
      "  docket completion > ~/.local/share/bash-completion/completions/docket   # every bash session",
      "  autoload -U +X compinit && compinit && autoload -U +X bashcompinit && bashcompinit",
      "  source <(docket completion)                                # zsh, after the line above"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the script was printed"})
final class CompletionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash("docket", spec.root().commandLine()));
    out.flush();
    return ExitCodes.DONE;
  }
}
