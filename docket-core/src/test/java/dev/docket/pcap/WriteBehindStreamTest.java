package dev.docket.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class WriteBehindStreamTest {
  @Property(tries = 60)
  void theChannelGetsEveryByteInOrder(@ForAll("writes") List<Integer> sizes) throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Random random = new Random(sizes.size());
    try (WriteBehindStream stream = WriteBehindStream.start(Channels.newChannel(received), Thread::new)) {
      for (int size : sizes) {
        if (size == 0) {
          stream.flush();
          assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
        } else if (size == 1) {
          int b = random.nextInt(256);
          stream.write(b);
          expected.write(b);
        } else {
          byte[] bytes = new byte[size];
          random.nextBytes(bytes);
          stream.write(bytes, 0, size);
          expected.write(bytes);
        }
      }
    }
    assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
  }

  /** To a stream, each full buffer goes in one write, as it is: not in the JDK channel's 8 KiB copies. */
  @Property(tries = 30)
  void aStreamGetsEveryByteInOrderInWholeBuffers(@ForAll("writes") List<Integer> sizes) throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    List<Integer> writeSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    ByteArrayOutputStream received = new ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        writeSizes.add(length);
        super.write(bytes, offset, length);
      }
    };
    Random random = new Random(sizes.size());
    try (WriteBehindStream stream = WriteBehindStream.start(received, Thread::new)) {
      for (int size : sizes) {
        byte[] bytes = new byte[Math.max(1, size)];
        random.nextBytes(bytes);
        stream.write(bytes, 0, bytes.length);
        expected.write(bytes);
      }
    }
    assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
    // Only a flush (here, the close) sends a part of a buffer: every write but the last is whole.
    assertThat(writeSizes.subList(0, Math.max(0, writeSizes.size() - 1))).allMatch(size -> size == WriteBehindStream.BUFFER_SIZE);
  }

  @Provide
  Arbitrary<List<Integer>> writes() {
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(0)),
            Tuple.of(3, Arbitraries.just(1)),
            Tuple.of(10, Arbitraries.integers().between(2, 5000)),
            Tuple.of(1, Arbitraries.integers().between(WriteBehindStream.BUFFER_SIZE - 10, 3 * WriteBehindStream.BUFFER_SIZE)))
        .list()
        .ofMaxSize(40);
  }

  @Test
  void aPcapWrittenBehindIsByteForByteTheOneWrittenToAStream() throws IOException {
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    ByteArrayOutputStream behind = new ByteArrayOutputStream();
    try (PcapWriter plain = PcapWriter.create(direct, LinkType.ETHERNET);
        PcapWriter written =
            PcapWriter.create(WriteBehindStream.start(Channels.newChannel(behind), Thread::new), LinkType.ETHERNET)) {
      Random random = new Random(7);
      PacketView packet = new PacketView();
      // Enough records of every size to cross the write-behind buffers many times.
      for (int i = 0; i < 20_000; i++) {
        byte[] frame = new byte[1 + random.nextInt(i % 100 == 0 ? 65_000 : 1_500)];
        random.nextBytes(frame);
        packet.reset(ByteBuffer.wrap(frame), 0, frame.length, frame.length + i % 3, 1_700_000_000_000_000_000L + i * 1_000L, LinkType.ETHERNET, 0);
        plain.write(packet);
        written.write(packet);
      }
    }
    assertThat(behind.size()).isGreaterThan(4 * WriteBehindStream.BUFFER_SIZE);
    assertThat(behind.toByteArray()).isEqualTo(direct.toByteArray());
  }

  @Test
  void aFailedWriteIsThrownToTheWriterAndNothingHangs() {
    FailingChannel disk = new FailingChannel(3 * WriteBehindStream.BUFFER_SIZE / 2);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          WriteBehindStream stream = WriteBehindStream.start(disk, Thread::new);
          byte[] chunk = new byte[64 * 1024];
          assertThatThrownBy(
                  () -> {
                    // Far more than the buffers hold: the failure must surface, not block forever.
                    for (int i = 0; i < 1_000; i++) {
                      stream.write(chunk);
                    }
                    stream.flush();
                  })
              .isInstanceOf(IOException.class)
              .hasMessage("No space left on device");
          assertThatThrownBy(stream::close).hasMessage("No space left on device");
        });
    assertThat(disk.written).isLessThanOrEqualTo(3 * WriteBehindStream.BUFFER_SIZE / 2);
    assertThat(disk.open).isFalse();
  }

  @Test
  void closingWritesTheRestAndClosesTheChannel() throws IOException {
    FailingChannel disk = new FailingChannel(Long.MAX_VALUE);
    WriteBehindStream stream = WriteBehindStream.start(disk, Thread::new);
    stream.write(new byte[12_345]);
    stream.close();
    stream.close();
    assertThat(disk.written).isEqualTo(12_345);
    assertThat(disk.open).isFalse();
  }

  /** A channel that takes {@code capacity} bytes, then fails as a full disk does. */
  private static final class FailingChannel implements WritableByteChannel {
    private final long capacity;
    volatile long written;
    volatile boolean open = true;

    FailingChannel(long capacity) {
      this.capacity = capacity;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      int count = (int) Math.min(source.remaining(), capacity - written);
      if (count == 0) {
        throw new IOException("No space left on device");
      }
      source.position(source.position() + count);
      written += count;
      return count;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
