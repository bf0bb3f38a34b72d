package dev.docket.cli;

import com.google.common.collect.ImmutableList;
import dev.docket.job.JobState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job as a server's REST API shows it ({@code GET /api/v1/jobs/{id}}), the part {@code docket
 * jobs} prints and acts on.
 *
 * @param reason why it is partial, failed, cancelled or expired
 * @param resultBytes the size of its result, once there is one
 * @param packets the packets of its result, from its summary
 */
record RemoteJob(
    String id,
    String user,
    String query,
    JobState state,
    Optional<String> reason,
    String submitted,
    OptionalLong resultBytes,
    OptionalLong packets,
    long bytesPlanned,
    long bytesRead,
    long packetsMatched,
    ImmutableList<Source> sources) {

  /** One source's part of the job. */
  record Source(String name, String state, Optional<String> error) {}

  /**
   * @throws CommandFailure exit 1 when {@code json} is not a job (a server of another kind)
   */
  static RemoteJob of(Map<?, ?> json) {
    try {
      Map<?, ?> progress = json.get("progress") instanceof Map<?, ?> map ? map : Map.of();
      Map<?, ?> summary = json.get("summary") instanceof Map<?, ?> map ? map : Map.of();
      ImmutableList.Builder<Source> sources = ImmutableList.builder();
      if (json.get("sources") instanceof List<?> list) {
        for (Object item : list) {
          Map<?, ?> source = (Map<?, ?>) item;
          sources.add(new Source(text(source, "name"), text(source, "state"), Optional.ofNullable((String) source.get("error"))));
        }
      }
      return new RemoteJob(
          text(json, "id"),
          text(json, "user"),
          text(json, "query"),
          JobState.ofWireName(text(json, "state")),
          Optional.ofNullable((String) json.get("reason")),
          text(json, "submitted"),
          number(json, "result-bytes"),
          number(summary, "packets"),
          number(progress, "bytes-planned").orElse(0),
          number(progress, "bytes-read").orElse(0),
          number(progress, "packets-matched").orElse(0),
          sources.build());
    } catch (ClassCastException | IllegalArgumentException | NullPointerException notAJob) {
      throw new CommandFailure(ExitCodes.FAILURE, "the server's answer is not a Docket job (" + notAJob.getMessage()
          + "); check that --server names a Docket server of this version");
    }
  }

  private static String text(Map<?, ?> json, String key) {
    Object value = json.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key);
    }
    return value.toString();
  }

  private static OptionalLong number(Map<?, ?> json, String key) {
    return json.get(key) instanceof Number number ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
  }
}
