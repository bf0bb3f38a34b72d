package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReadAheadBodyTest {
  @Property(tries = 50)
  void givesEveryByteInOrderWhateverThePieces(
      @ForAll @IntRange(min = 0, max = 3_000_000) int size,
      @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 70_000) Integer> sourcePieces,
      @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 2_000_000) Integer> readPieces)
      throws IOException {
    byte[] answer = new byte[size];
    new Random(size).nextBytes(answer);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (ReadAheadBody body = ReadAheadBody.start(new PiecewiseStream(answer, sourcePieces), Thread::new)) {
      byte[] buffer = new byte[2_000_000];
      for (int i = 0; ; i++) {
        int count = body.read(buffer, 0, readPieces.get(i % readPieces.size()));
        if (count < 0) {
          break;
        }
        received.write(buffer, 0, count);
      }
    }
    assertThat(received.toByteArray()).isEqualTo(answer);
  }

  @Test
  void aTricklingAnswerIsNotHeldBack() throws Exception {
    CountDownLatch more = new CountDownLatch(1);
    InputStream trickle =
        new InputStream() {
          private boolean sent;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] into, int offset, int length) throws IOException {
            if (!sent) {
              sent = true;
              into[offset] = 42;
              return 1;
            }
            try {
              more.await(); // a sensor with nothing more to say for now
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            return -1;
          }
        };
    try (ReadAheadBody body = ReadAheadBody.start(trickle, Thread::new)) {
      byte[] buffer = new byte[1 << 20];
      int count = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> body.read(buffer, 0, buffer.length));
      assertThat(count).isEqualTo(1);
      assertThat(buffer[0]).isEqualTo((byte) 42);
      more.countDown();
      assertThat(body.read(buffer, 0, buffer.length)).isEqualTo(-1);
    }
  }

  @Test
  void aFailureComesAfterTheBytesBeforeIt() throws IOException {
    SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
    InputStream cut =
        new InputStream() {
          private int calls;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] into, int offset, int length) throws IOException {
            if (calls++ < 3) {
              into[offset] = (byte) calls;
              return 1;
            }
            throw timeout;
          }
        };
    try (ReadAheadBody body = ReadAheadBody.start(cut, Thread::new)) {
      byte[] buffer = new byte[16];
      int total = 0;
      while (total < 3) {
        total += body.read(buffer, total, buffer.length - total);
      }
      assertThat(buffer).startsWith(1, 2, 3);
      assertThatThrownBy(() -> body.read(buffer, 0, buffer.length)).isSameAs(timeout);
    }
  }

  /** The answer in pieces of the given sizes, in turn, as a network stream gives it. */
  private static final class PiecewiseStream extends InputStream {
    private final byte[] answer;
    private final List<Integer> pieces;
    private int position;
    private int calls;

    PiecewiseStream(byte[] answer, List<Integer> pieces) {
      this.answer = answer;
      this.pieces = pieces;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (position == answer.length) {
        return -1;
      }
      int count = Math.min(Math.min(length, pieces.get(calls++ % pieces.size())), answer.length - position);
      System.arraycopy(answer, position, into, offset, count);
      position += count;
      return count;
    }
  }
}
