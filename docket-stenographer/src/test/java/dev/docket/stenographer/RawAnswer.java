package dev.docket.stenographer;

import dev.docket.stenographer.StenographerTestBed.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Stenographer query fetched with curl, Docket not involved: the reference Docket is held to. */
final class RawAnswer {
  private RawAnswer() {}

  static Path fetch(TestBed bed, int sensor, String stenographerQuery, Path into) throws IOException, InterruptedException {
    Path client = bed.clientDirectory();
    Process curl = new ProcessBuilder(
            "curl", "-sS", "--fail", "-k", "--max-time", "120",
            "--cert", client.resolve("client_cert.pem").toString(),
            "--key", client.resolve("client_key.pem").toString(),
            "--data-binary", stenographerQuery,
            "-o", into.toString(),
            "https://" + TestBed.HOST + ":" + TestBed.port(sensor) + "/query")
        .redirectErrorStream(true)
        .start();
    String output = new String(curl.getInputStream().readAllBytes());
    if (!curl.waitFor(3, TimeUnit.MINUTES) || curl.exitValue() != 0) {
      throw new IOException("curl failed: " + output);
    }
    return into;
  }

  /** {@code tcpdump -r in -w out bpf}: the packets tcpdump selects. */
  static Path tcpdump(Path in, String bpf, Path out) throws IOException, InterruptedException {
    Process tcpdump = new ProcessBuilder("tcpdump", "-r", in.toString(), "-w", out.toString(), bpf)
        .redirectErrorStream(true)
        .start();
    String output = new String(tcpdump.getInputStream().readAllBytes());
    if (!tcpdump.waitFor(3, TimeUnit.MINUTES) || tcpdump.exitValue() != 0 || !Files.exists(out)) {
      throw new IOException("tcpdump failed: " + output);
    }
    return out;
  }
}
