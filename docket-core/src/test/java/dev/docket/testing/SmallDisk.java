package dev.docket.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small disk for tests of what happens when one fills: a tmpfs of a given size mounted on a
 * directory, which needs root. Without root (or without the right to mount) the test is skipped
 * with the reason printed, except under {@code CI=true}, which runs as root and fails instead.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path mount;

  private SmallDisk(Path mount) {
    this.mount = mount;
  }

  /** Mounts a tmpfs of {@code size} (mount's syntax: {@code 64k}, {@code 6m}) on the directory {@code at}. */
  public static SmallDisk mount(Path at, String size) throws IOException, InterruptedException {
    boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
    if (!root) {
      skip("mounting a small tmpfs to fill needs root");
    }
    String said = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
    if (said != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("as root, mounting a tmpfs failed, and CI=true requires it: " + said);
      }
      skip("mounting a tmpfs failed (a container without CAP_SYS_ADMIN?): " + said);
    }
    return new SmallDisk(at);
  }

  /** Unmounts it. */
  @Override
  public void close() throws IOException, InterruptedException {
    String said = run("umount", mount.toString());
    if (said != null) {
      throw new IOException("umount " + mount + ": " + said);
    }
  }

  /** Runs a command; null when it succeeded, else what it said. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? null : said.strip();
  }

  private static void skip(String reason) {
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
