package dev.docket.stenographer;

import dev.docket.packet.PacketStream;
import dev.docket.packet.PacketView;
import dev.docket.pcap.CaptureReader;
import dev.docket.source.ScanProgress;
import dev.docket.source.SourceException;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * A sensor's answer as it streams in: the pcap body read in place, progress reported as bytes
 * arrive. Closed before the end, it drops the connection, which makes Stenographer stop the query.
 */
final class ResponseStream implements PacketStream {
  /** How many bytes go by between progress reports: often enough for a bar, rare enough to be free. */
  private static final long PROGRESS_STEP = 1 << 20;

  private final StenographerSource.Response response;
  private final ScanProgress progress;
  private final Diagnosis diagnosis;
  private final String name;
  private final ThreadFactory threads;
  private @Nullable CaptureReader reader;
  private @Nullable ReadAheadBody body;
  private long packets;
  private long reported;
  private boolean ended;

  ResponseStream(
      StenographerSource.Response response, ScanProgress progress, Diagnosis diagnosis, String name, ThreadFactory threads) {
    this.response = response;
    this.threads = threads;
    this.progress = progress;
    this.diagnosis = diagnosis;
    this.name = name;
  }

  @Override
  public boolean next() throws IOException {
    if (ended) {
      return false;
    }
    try {
      CaptureReader capture = reader();
      if (capture.next()) {
        packets++;
        if (capture.bytesRead() - reported >= PROGRESS_STEP) {
          report(capture);
        }
        return true;
      }
      report(capture);
      ended = true;
      return false;
    } catch (SourceException e) {
      throw e;
    } catch (IOException e) {
      ended = true;
      throw diagnosis.ofAnswer(e, packets);
    }
  }

  private CaptureReader reader() throws IOException {
    if (reader == null) {
      HttpEntity entity = response.response().getEntity();
      if (entity == null) {
        throw diagnosis.failure("Stenographer answered with no body; see the sensor's log");
      }
      ReadAheadBody ahead = ReadAheadBody.start(entity.getContent(), threads);
      body = ahead;
      reader = CaptureReader.open(ahead, name);
    }
    return reader;
  }

  private void report(CaptureReader capture) {
    progress.read(capture.bytesRead() - reported);
    reported = capture.bytesRead();
  }

  @Override
  public PacketView packet() {
    if (reader == null) {
      throw new IllegalStateException("no current packet: call next() first");
    }
    return reader.packet();
  }

  @Override
  public void close() {
    if (body != null) {
      body.close();
    }
    if (!ended) {
      // Stopping early: drop the connection rather than read the rest of the answer.
      StenographerSource.discard(response.request(), response.response());
      return;
    }
    try {
      response.response().close();
    } catch (IOException e) {
      // The answer was read to its end; a failure to release the connection loses nothing.
    }
  }
}
