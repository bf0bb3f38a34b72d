package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * The stream's chunks are Netty's buffers: each is the body's once sent (Netty gives it back to the
 * pool once written), and one that is never sent goes back to the pool however the stream ends.
 */
class DemandStreamTest {
  private final CountingAllocator allocator = new CountingAllocator();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  @Test
  void everyByteArrivesInWholeChunksInOrder() throws IOException {
    Client client = new Client(Long.MAX_VALUE);
    DemandStream stream = new DemandStream(ready -> Flux.<ByteBuf>create(ready::attach).subscribe(client), allocator);
    byte[] written = new byte[600_000];
    new Random(7).nextBytes(written);
    for (int offset = 0; offset < written.length; offset += 1000) {
      stream.write(written, offset, 1000);
    }
    stream.finish();
    stream.releaseUnsent();
    assertThat(body.toByteArray()).isEqualTo(written);
    assertThat(client.chunkSizes).containsExactly(DemandStream.CHUNK, DemandStream.CHUNK, 600_000 - 2 * DemandStream.CHUNK);
    assertThat(stream.bytes()).isEqualTo(600_000);
    assertThat(client.completed).isTrue();
    assertThat(allocator.unreleased()).isEmpty();
  }

  @Test
  void aClientThatGoesAwayLeavesNoChunkUnreleased() throws Exception {
    Client client = new Client(1); // takes one chunk, then stops reading
    DemandStream stream = new DemandStream(ready -> Flux.<ByteBuf>create(ready::attach).subscribe(client), allocator);
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      try {
        byte[] piece = new byte[64 << 10];
        while (true) {
          stream.write(piece, 0, piece.length);
        }
      } catch (IOException wentAway) {
        throw new RuntimeException(wentAway.getMessage());
      } finally {
        stream.releaseUnsent();
      }
    });
    // The writer fills a second chunk and waits for the client to ask for it; the client goes away.
    while (allocator.buffers.size() < 2 || allocator.buffers.get(1).isWritable()) {
      Thread.sleep(1);
    }
    stream.cancel();
    assertThatThrownBy(() -> writing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("the client went away");
    assertThat(client.chunkSizes).containsExactly(DemandStream.CHUNK);
    assertThat(allocator.unreleased()).isEmpty();
  }

  @Test
  void aChunkNeverSentGoesBackWhenTheRunEnds() throws IOException {
    DemandStream stream = new DemandStream(ready -> {}, allocator);
    stream.write(new byte[1000], 0, 1000);
    assertThat(allocator.unreleased()).hasSize(1);
    stream.releaseUnsent(); // a cancelled run: neither finished nor failed
    assertThat(allocator.unreleased()).isEmpty();
    assertThat(stream.started()).isFalse();
  }

  /** A client that reads what it asked for into {@link #body} and gives each chunk back, as Netty does. */
  private final class Client extends BaseSubscriber<ByteBuf> {
    private final long asks;
    final List<Integer> chunkSizes = new ArrayList<>();
    volatile boolean completed;

    Client(long asks) {
      this.asks = asks;
    }

    @Override
    protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
      subscription.request(asks);
    }

    @Override
    protected void hookOnNext(ByteBuf chunk) {
      chunkSizes.add(chunk.readableBytes());
      byte[] bytes = new byte[chunk.readableBytes()];
      chunk.readBytes(bytes);
      body.writeBytes(bytes);
      chunk.release();
    }

    @Override
    protected void hookOnComplete() {
      completed = true;
    }
  }

  /** Direct buffers, each remembered, to see that every one was given back. */
  private static final class CountingAllocator extends AbstractByteBufAllocator {
    final List<ByteBuf> buffers = new CopyOnWriteArrayList<>();

    CountingAllocator() {
      super(true);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      return Unpooled.buffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      ByteBuf buffer = Unpooled.directBuffer(initialCapacity, maxCapacity);
      buffers.add(buffer);
      return buffer;
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }

    List<ByteBuf> unreleased() {
      return buffers.stream().filter(buffer -> buffer.refCnt() > 0).toList();
    }
  }
}
