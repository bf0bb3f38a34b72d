package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.ExternalTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class DocketCommandTest {
  @Test
  void eachCommandIsListedUnderTheNameItDeclares() {
    DocketCommand.COMMANDS.forEach(
        (name, command) -> assertThat(command.getAnnotation(Command.class).name()).as(command.getName()).isEqualTo(name));
  }

  @Test
  void helpListsEveryCommandThoughARunBuildsOnlyItsOwn() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true), "--help");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains(DocketCommand.COMMANDS.keySet());

    StringWriter nothing = new StringWriter();
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(nothing, true))).isEqualTo(2);
    assertThat(nothing.toString()).contains(DocketCommand.COMMANDS.keySet());

    StringWriter help = new StringWriter();
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(help, true), new PrintWriter(err, true), "help", "filter")).isZero();
    assertThat(help.toString()).contains("docket filter");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    StringWriter err = new StringWriter();
    int exit = DocketCommand.execute(Clock.systemUTC(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "fliter", "tcp");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("docket: ").contains("fliter");
  }

  /** Every command, and each jobs command, as the words that name it. */
  private static List<String[]> everyCommand() {
    List<String[]> commands = new ArrayList<>();
    DocketCommand.COMMANDS.forEach((name, command) -> {
      if (!name.equals("help")) {
        commands.add(new String[] {name});
        for (Class<?> subcommand : command.getAnnotation(Command.class).subcommands()) {
          commands.add(new String[] {name, subcommand.getAnnotation(Command.class).name()});
        }
      }
    });
    return commands;
  }

  private static String[] with(String[] words, String last) {
    String[] args = java.util.Arrays.copyOf(words, words.length + 1);
    args[words.length] = last;
    return args;
  }

  @Test
  void everyCommandHasHelpWithExamplesAndItsExitCodes() {
    List<String[]> commands = everyCommand();
    assertThat(commands).extracting(words -> String.join(" ", words)).contains("jobs submit", "jobs list", "jobs get", "completion");
    for (String[] words : commands) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true), with(words, "--help"));
      String name = "docket " + String.join(" ", words);
      assertThat(exit).as(name).isZero();
      assertThat(err.toString()).as(name).isEmpty();
      assertThat(out.toString()).as(name).startsWith("Usage: " + name).contains("Example").contains("Exit codes");
    }
  }

  @Test
  void everyCommandTellsTheVersionAsDocketDoes() {
    String version = new DocketVersion().getVersion()[0];
    assertThat(version).matches("docket \\S+");
    for (String[] words : everyCommand()) {
      StringWriter out = new StringWriter();
      int exit = DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), with(words, "--version"));
      assertThat(exit).isZero();
      assertThat(out.toString()).as(String.join(" ", words)).isEqualTo(version + "\n");
    }
    StringWriter out = new StringWriter();
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "-V")).isZero();
    assertThat(out.toString()).isEqualTo(version + "\n");
  }

  @Test
  void theCompletionScriptCompletesCommandsSubcommandsAndOptionsInBash(@TempDir Path directory) throws Exception {
    StringWriter script = new StringWriter();
    assertThat(DocketCommand.execute(Clock.systemUTC(), new PrintWriter(script, true), new PrintWriter(new StringWriter(), true), "completion")).isZero();
    assertThat(script.toString()).startsWith("#!/usr/bin/env bash").contains("complete -F");
    Path file = Files.writeString(directory.resolve("docket-completion.bash"), script.toString());
    String bash = ExternalTool.require("bash", "bash").toString();
    assertThat(complete(bash, file, "docket", "jo")).containsExactly("jobs");
    assertThat(complete(bash, file, "docket", "jobs", "su")).containsExactly("submit");
    assertThat(complete(bash, file, "docket", "query", "--st")).containsExactlyInAnyOrder("--state", "--stats", "--store");
    assertThat(complete(bash, file, "docket", "jobs", "submit", "--acc")).containsExactly("--accept-large");
    assertThat(complete(bash, file, "docket", "")).contains("filter", "merge", "query", "parse", "generate", "serve", "passwd", "jobs", "completion");
  }

  /** What bash completes the last of {@code words} to, with the script sourced, as a user's Tab would. */
  private static List<String> complete(String bash, Path script, String... words) throws Exception {
    StringBuilder line = new StringBuilder("source '" + script + "'; COMP_WORDS=(");
    for (String word : words) {
      line.append("'").append(word).append("' ");
    }
    line.append("); COMP_CWORD=").append(words.length - 1).append("; COMP_LINE='").append(String.join(" ", words))
        .append("'; COMP_POINT=${#COMP_LINE}; _complete_docket; printf '%s\\n' \"${COMPREPLY[@]}\"");
    // Outside a real Tab, bash's compopt complains on stderr; only the completions matter.
    Process process = new ProcessBuilder(bash, "-c", line.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
  }
}
