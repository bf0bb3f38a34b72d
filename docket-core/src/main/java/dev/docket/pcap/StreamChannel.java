package dev.docket.pcap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;

/**
 * A channel onto an output stream for {@link WriteBehindStream}'s array buffers, each handed to
 * the stream as it is. The JDK's {@code Channels.newChannel} copies every buffer through an 8 KiB
 * array, so a 256 KiB buffer became 32 copies and 32 writes. As with that channel, once closed
 * (from any thread) every write fails, whatever the stream's own closing does.
 */
final class StreamChannel implements WritableByteChannel {
  private final OutputStream out;
  private volatile boolean open = true;

  StreamChannel(OutputStream out) {
    this.out = out;
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    int length = source.remaining();
    out.write(source.array(), source.arrayOffset() + source.position(), length); // arrays only: see above
    source.position(source.limit());
    return length;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    open = false;
    out.close();
  }
}
