package dev.docket.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How every {@code docket jobs} command reaches the server: its URL, the netrc file, the
 * certificate authority; and the exit codes they share, which this mixin adds to each one's help.
 */
@Command(
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (submit --wait, get: the job is done and its result whole)",
      "1:the job failed, was cancelled or expired; the server failed; the download could not be written",
      "2:bad arguments, or the server refused the query (its reason and column are on stderr)",
      "3:done, but the result is partial: a source failed or a limit was reached (the reason is on stderr)",
      "4:the server refused the credentials, or none were found",
      "5:the server cannot be reached (refused, no such host, a timeout, a certificate not trusted)"
    },
    footerHeading = "%nCredentials:%n",
    footer = {
      "Never on the command line: with --netrc FILE, from that file; else from DOCKET_USER and DOCKET_PASSWORD; "
          + "else from ~/.netrc ('machine HOST login USER password PASSWORD', as curl reads it).",
      "The server is --server URL or DOCKET_SERVER, with the base path it is served under: https://sensor.example/app/docket/"
    })
final class ServerOptions {
  static final String SERVER = "DOCKET_SERVER";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Option(names = "--server", paramLabel = "URL", description = "The Docket server, with its base path (default: $DOCKET_SERVER), e.g. http://127.0.0.1:8080/.")
  @Nullable String server;

  @Option(names = "--netrc", paramLabel = "FILE", description = "Read the login for the server's host from FILE (default ~/.netrc, after DOCKET_USER/DOCKET_PASSWORD).")
  @Nullable Path netrc;

  @Option(names = "--cacert", paramLabel = "PEM", description = "Trust the certificate authority in PEM (instead of Java's) for an https server with its own certificate.")
  @Nullable Path cacert;

  /** A client of the server these options name, with the credentials {@code environment} gives. */
  JobsClient client(Environment environment) {
    URI uri = server(environment);
    Credentials credentials = Credentials.find(uri, Optional.ofNullable(netrc), environment);
    return new JobsClient(uri, credentials, Optional.ofNullable(cacert).map(TrustedCertificates::from), CONNECT_TIMEOUT);
  }

  private URI server(Environment environment) {
    String given = server != null ? server : environment.get(SERVER).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
        "no server given; give --server URL or set " + SERVER + ", such as http://127.0.0.1:8080/"));
    URI uri;
    try {
      uri = new URI(given.strip());
    } catch (URISyntaxException invalid) {
      throw new CommandFailure(ExitCodes.USAGE, "--server " + given + " is not a URL (" + invalid.getReason() + "); give one such as http://127.0.0.1:8080/");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw new CommandFailure(ExitCodes.USAGE, "--server " + given + " is not an http or https URL with a host; give one such as http://127.0.0.1:8080/");
    }
    if (uri.getUserInfo() != null) {
      throw new CommandFailure(ExitCodes.USAGE, "--server must not hold credentials, which ps and the shell's history would show; "
          + "drop the user from the URL and set DOCKET_USER/DOCKET_PASSWORD or ~/.netrc");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new CommandFailure(ExitCodes.USAGE, "--server " + given + " has a query or fragment; give only the server and its base path, such as https://host/app/docket/");
    }
    // The API's paths are resolved against it: the base path must end with a slash to keep its last part.
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
  }
}
