package dev.docket.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password {@code docket jobs} gives the server (HTTP Basic), never from the command
 * line, where {@code ps} and the shell's history would show them: from {@code --netrc FILE} when
 * given; else from {@code DOCKET_USER} and {@code DOCKET_PASSWORD}; else from {@code ~/.netrc}
 * (with {@code DOCKET_USER} alone, the netrc entry of that login).
 *
 * @param origin where they came from, for the message when the server refuses them
 */
record Credentials(String user, String password, String origin) {
  static final String USER = "DOCKET_USER";
  static final String PASSWORD = "DOCKET_PASSWORD";

  /** The {@code Authorization} header's value. */
  String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws CommandFailure exit 4 when there are none for {@code server}; exit 2 when the netrc
   *     file given cannot be read
   */
  static Credentials find(URI server, Optional<Path> netrcFile, Environment environment) {
    Optional<String> user = environment.get(USER);
    Optional<String> password = environment.get(PASSWORD);
    if (netrcFile.isEmpty() && user.isPresent() && password.isPresent()) {
      return new Credentials(user.get(), password.get(), USER + "/" + PASSWORD);
    }
    Path netrc = netrcFile.orElse(environment.home().resolve(".netrc"));
    // netrc names an IPv6 host without the brackets a URL puts around it.
    String host = server.getHost().replaceAll("^\\[(.*)\\]$", "$1");
    // A netrc file given decides alone; else DOCKET_USER without its password picks that login's entry.
    Optional<String> login = netrcFile.isPresent() ? Optional.empty() : user;
    Optional<Netrc.Entry> entry = read(netrc, netrcFile.isPresent()).flatMap(file -> file.find(host, login));
    if (entry.isPresent() && entry.get().login().isPresent() && entry.get().password().isPresent()) {
      return new Credentials(entry.get().login().get(), entry.get().password().get(), netrc.toString());
    }
    String whose = login.map(name -> " for the user " + name).orElse("");
    throw new CommandFailure(ExitCodes.AUTH_REFUSED, "no credentials" + whose + " for the server at " + server
        + "; set " + USER + " and " + PASSWORD + ", or add 'machine " + host + " login USER password PASSWORD' to "
        + netrc + (netrcFile.isPresent() ? "" : " (or give --netrc FILE)"));
  }

  private static Optional<Netrc> read(Path netrc, boolean given) {
    try {
      return Optional.of(Netrc.parse(Files.readString(netrc, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException missing) {
      if (given) {
        throw new CommandFailure(ExitCodes.USAGE, "--netrc " + netrc + ": no such file; give the netrc file that holds the server's login");
      }
      return Optional.empty();
    } catch (IOException unreadable) {
      throw new CommandFailure(ExitCodes.USAGE, netrc + ": cannot be read (" + unreadable.getMessage() + "); fix its permissions or give --netrc FILE");
    }
  }

  @Override
  public String toString() {
    return "Credentials[" + user + " from " + origin + "]"; // never the password
  }
}
