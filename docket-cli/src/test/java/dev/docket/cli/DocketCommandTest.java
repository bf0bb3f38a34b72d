package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.api.Test;
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
}
