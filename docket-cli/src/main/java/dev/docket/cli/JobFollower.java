package dev.docket.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits for a job on a server to end, telling each change to a listener (a progress bar): by its
 * server-sent events, which the server sends at every change, or — when they are not to be had (a
 * proxy that buffers them, a stream cut off) or not wanted — by asking for the job at an interval.
 */
final class JobFollower {
  private final JobsClient client;
  private final Duration pollInterval;

  JobFollower(JobsClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  /** The job once it has ended. */
  RemoteJob follow(String id, boolean events, Consumer<RemoteJob> changes) {
    if (events) {
      Optional<RemoteJob> ended = followEvents(id, changes);
      if (ended.isPresent()) {
        return ended.get();
      }
    }
    return poll(id, changes);
  }

  /** The job as its last event shows it, if the stream told of its end; empty when it stopped before. */
  private Optional<RemoteJob> followEvents(String id, Consumer<RemoteJob> changes) {
    try (JobsClient.Answer answer = client.events(id);
        InputStream stream = answer.body();
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String event = "message";
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (event.equals("job") && data.length() > 0 && JSON.std.anyFrom(data.toString()) instanceof Map<?, ?> json) {
            RemoteJob job = RemoteJob.of(json);
            changes.accept(job);
            if (job.state().hasEnded()) {
              return Optional.of(job);
            }
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = field(line);
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(field(line));
        }
        // id: and comments (":...") tell nothing a follower needs.
      }
    } catch (IOException cutOff) {
      // The stream broke off: the job is still there to ask for.
    }
    return Optional.empty();
  }

  private static String field(String line) {
    String value = line.substring(line.indexOf(':') + 1);
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  private RemoteJob poll(String id, Consumer<RemoteJob> changes) {
    while (true) {
      RemoteJob job = client.job(id);
      changes.accept(job);
      if (job.state().hasEnded()) {
        return job;
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new CommandFailure(ExitCodes.FAILURE, "interrupted while waiting for the job " + id + "; it goes on: docket jobs status " + id);
      }
    }
  }
}
