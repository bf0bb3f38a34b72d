package dev.docket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void terminalDevicesAreTerminalsAndFilesAndPipesAreNot() {
    assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
    assertThat(Terminal.isTerminalDevice("pipe:[123456]")).isFalse();
    assertThat(Terminal.isTerminalDevice("/tmp/docket.log")).isFalse();
    assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
  }

  @Test
  void theTestsStandardStreamsAreNotTerminals() {
    // Maven runs the tests with their output captured: no progress bar may be drawn into it.
    assertThat(Terminal.standardErrorIsTerminal()).isFalse();
    assertThat(Terminal.standardOutputIsTerminal()).isFalse();
  }
}
