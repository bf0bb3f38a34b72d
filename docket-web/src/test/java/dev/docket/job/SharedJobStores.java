package dev.docket.job;

import java.io.IOException;
import java.nio.file.Path;

/** docket-core's job-test stores ({@code JobStores}), opened to the web server's tests in another package. */
public final class SharedJobStores {
  private SharedJobStores() {}

  /** {@code minutes} one-minute files of {@code seed}'s traffic from 2024-06-03T09:00:00Z. */
  public static Path write(Path directory, long seed, int minutes, double packetsPerSecond) throws IOException {
    return JobStores.write(directory, seed, minutes, packetsPerSecond);
  }
}
