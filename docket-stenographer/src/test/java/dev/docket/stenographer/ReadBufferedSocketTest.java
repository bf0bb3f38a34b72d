package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When the socket under the sensor's TLS waits after a read: only after one that found little in
 * the middle of a big answer, never in a handshake, an answer's start or a small answer.
 */
class ReadBufferedSocketTest {
  private static final int PIECE = 4096;

  private final AtomicInteger pauses = new AtomicInteger();

  @Test
  void aSmallAnswerIsReadWithoutWaiting() throws IOException {
    ReadBufferedSocket.GatheringInput input = gathering(arriving((int) ReadBufferedSocket.BIG_ANSWER_BYTES));
    assertThat(drain(input)).isEqualTo(ReadBufferedSocket.BIG_ANSWER_BYTES);
    assertThat(pauses).hasValue(0);
  }

  @Test
  void aBigAnswerWaitsAfterEachLittleReadPastItsStart() throws IOException {
    int size = (int) ReadBufferedSocket.BIG_ANSWER_BYTES + 10 * PIECE;
    ReadBufferedSocket.GatheringInput input = gathering(arriving(size));
    assertThat(drain(input)).isEqualTo(size);
    // Every piece read once 256 KiB had come, each of them little.
    assertThat(pauses).hasValue(10);
  }

  @Test
  void readsThatFindMuchNeverWait() throws IOException {
    int size = 4 << 20;
    ReadBufferedSocket.GatheringInput input = gathering(new ByteArrayInputStream(new byte[size]));
    byte[] into = new byte[ReadBufferedSocket.LITTLE_BYTES];
    long read = 0;
    for (int count; (count = input.read(into, 0, into.length)) > 0; ) {
      read += count;
    }
    assertThat(read).isEqualTo(size);
    assertThat(pauses).hasValue(0);
  }

  @Test
  void whatIsWrittenStartsTheCountAgain() throws IOException {
    int size = (int) ReadBufferedSocket.BIG_ANSWER_BYTES + 4 * PIECE;
    ReadBufferedSocket.GatheringInput input = gathering(arriving(2 * size));
    ReadBufferedSocket.RequestOutput output = new ReadBufferedSocket.RequestOutput(new ByteArrayOutputStream(), input);
    assertThat(drain(input, size)).isEqualTo(size);
    assertThat(pauses).hasValue(4);
    output.write("POST /query".getBytes(), 0, 11); // the next request: its answer starts again
    assertThat(drain(input, (int) ReadBufferedSocket.BIG_ANSWER_BYTES)).isEqualTo(ReadBufferedSocket.BIG_ANSWER_BYTES);
    assertThat(pauses).hasValue(4);
    output.write(1);
    assertThat(drain(input, 4 * PIECE)).isEqualTo(4 * PIECE);
    assertThat(pauses).hasValue(4);
  }

  private ReadBufferedSocket.GatheringInput gathering(InputStream in) {
    return new ReadBufferedSocket.GatheringInput(in, pauses::incrementAndGet);
  }

  /** {@code size} bytes arriving a TLS record at a time, as a sensor's answer comes off the socket. */
  private static InputStream arriving(int size) {
    return new FilterInputStream(new ByteArrayInputStream(new byte[size])) {
      @Override
      public int read(byte[] into, int offset, int length) throws IOException {
        return super.read(into, offset, Math.min(length, PIECE));
      }
    };
  }

  private static long drain(InputStream input) throws IOException {
    return drain(input, Integer.MAX_VALUE);
  }

  private static long drain(InputStream input, int most) throws IOException {
    byte[] into = new byte[64 << 10];
    long read = 0;
    while (read < most) {
      int count = input.read(into, 0, (int) Math.min(into.length, most - read));
      if (count < 0) {
        break;
      }
      read += count;
    }
    return read;
  }
}
