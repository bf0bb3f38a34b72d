package dev.docket.stenographer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A connected socket whose input is read in big pieces, for the JDK's TLS to be layered over.
 * Everything but the input is the connected socket's own.
 *
 * <p>Stenographer sends 4 KB TLS records, and the JDK reads each record's 5-byte header and its
 * body from the socket separately. Worse, a reader faster than the sensor waits for every piece
 * that arrives: perf showed the read-ahead thread, more than half of {@code docket serve}'s CPU
 * while streaming a sensor's answer, spending most of it being switched out and in. Java cannot
 * ask the kernel to wake a reader only once enough bytes are in ({@code SO_RCVLOWAT}), so a read
 * that finds little makes the thread wait {@link #GATHER_NANOS} before the next; by then the
 * socket's buffer holds that much more of a fast answer. A slow answer loses nothing but that
 * moment per piece. Measured (bench/README.md, server-stenographer.sh): the stream of a 240 MB
 * answer went from 1.27× curl's time to 1.06–1.11×.
 *
 * <p>Only in the middle of a big answer, though: a TLS handshake, an answer's headers and a small
 * answer arrive in a few small pieces, and waiting 2 ms after each only made a query's first
 * packets late. Whatever is written to the socket (a request, a handshake's message) starts the
 * count again.
 */
final class ReadBufferedSocket extends Socket {
  private static final int BUFFER_BYTES = 64 << 10;
  /** 2 ms: of 0.5, 1, 2 and 4 ms, the shortest stream of a 240 MB answer. */
  private static final long GATHER_NANOS = 2_000_000;
  /** A read that found less than this had caught up with the sensor. */
  static final int LITTLE_BYTES = BUFFER_BYTES / 4;
  /** How much of an answer must have come before its reads wait: it is a big one, streaming. */
  static final long BIG_ANSWER_BYTES = 256 << 10;

  private final Socket socket;
  private final InputStream input;
  private final OutputStream output;

  ReadBufferedSocket(Socket socket) throws IOException {
    this.socket = socket;
    GatheringInput gathering = new GatheringInput(socket.getInputStream(), () -> LockSupport.parkNanos(GATHER_NANOS));
    this.input = new BufferedInputStream(gathering, BUFFER_BYTES);
    this.output = new RequestOutput(socket.getOutputStream(), gathering);
  }

  /**
   * After a read that found little, in the middle of a big answer, waits a moment so that the next
   * finds more.
   */
  static final class GatheringInput extends FilterInputStream {
    private final Runnable pause;
    /**
     * Bytes read since something was last written. Counted by the reading thread and reset by the
     * writing one: a race only moves the moment the waits begin.
     */
    private volatile long sinceWritten;

    /** @param pause the wait after a little read (a test counts them instead) */
    GatheringInput(InputStream in, Runnable pause) {
      super(in);
      this.pause = pause;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      int count = in.read(into, offset, length);
      if (count > 0) {
        long before = sinceWritten;
        sinceWritten = before + count;
        if (count < LITTLE_BYTES && before >= BIG_ANSWER_BYTES) {
          pause.run();
        }
      }
      return count;
    }

    void written() {
      sinceWritten = 0;
    }
  }

  /** The socket's output, telling the input that a request (or a handshake's message) went out. */
  static final class RequestOutput extends FilterOutputStream {
    private final GatheringInput input;

    RequestOutput(OutputStream out, GatheringInput input) {
      super(out);
      this.input = input;
    }

    @Override
    public void write(int b) throws IOException {
      input.written();
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      input.written();
      out.write(bytes, offset, length);
    }
  }

  @Override
  public InputStream getInputStream() {
    return input;
  }

  @Override
  public OutputStream getOutputStream() {
    return output;
  }

  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    socket.connect(endpoint);
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    socket.connect(endpoint, timeout);
  }

  @Override
  public void bind(@Nullable SocketAddress bindpoint) throws IOException {
    socket.bind(bindpoint);
  }

  @Override
  public @Nullable InetAddress getInetAddress() {
    return socket.getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket.getLocalAddress();
  }

  @Override
  public int getPort() {
    return socket.getPort();
  }

  @Override
  public int getLocalPort() {
    return socket.getLocalPort();
  }

  @Override
  public @Nullable SocketAddress getRemoteSocketAddress() {
    return socket.getRemoteSocketAddress();
  }

  @Override
  public @Nullable SocketAddress getLocalSocketAddress() {
    return socket.getLocalSocketAddress();
  }

  @Override
  public @Nullable SocketChannel getChannel() {
    return null; // reading past the buffer through a channel would lose bytes
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    socket.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return socket.getTcpNoDelay();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws SocketException {
    socket.setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws SocketException {
    return socket.getSoLinger();
  }

  @Override
  public void sendUrgentData(int data) throws IOException {
    socket.sendUrgentData(data);
  }

  @Override
  public void setOOBInline(boolean on) throws SocketException {
    socket.setOOBInline(on);
  }

  @Override
  public boolean getOOBInline() throws SocketException {
    return socket.getOOBInline();
  }

  @Override
  public void setSoTimeout(int timeout) throws SocketException {
    socket.setSoTimeout(timeout);
  }

  @Override
  public int getSoTimeout() throws SocketException {
    return socket.getSoTimeout();
  }

  @Override
  public void setSendBufferSize(int size) throws SocketException {
    socket.setSendBufferSize(size);
  }

  @Override
  public int getSendBufferSize() throws SocketException {
    return socket.getSendBufferSize();
  }

  @Override
  public void setReceiveBufferSize(int size) throws SocketException {
    socket.setReceiveBufferSize(size);
  }

  @Override
  public int getReceiveBufferSize() throws SocketException {
    return socket.getReceiveBufferSize();
  }

  @Override
  public void setKeepAlive(boolean on) throws SocketException {
    socket.setKeepAlive(on);
  }

  @Override
  public boolean getKeepAlive() throws SocketException {
    return socket.getKeepAlive();
  }

  @Override
  public void setTrafficClass(int tc) throws SocketException {
    socket.setTrafficClass(tc);
  }

  @Override
  public int getTrafficClass() throws SocketException {
    return socket.getTrafficClass();
  }

  @Override
  public void setReuseAddress(boolean on) throws SocketException {
    socket.setReuseAddress(on);
  }

  @Override
  public boolean getReuseAddress() throws SocketException {
    return socket.getReuseAddress();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public void shutdownInput() throws IOException {
    socket.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public String toString() {
    return socket.toString();
  }

  @Override
  public boolean isConnected() {
    return socket.isConnected();
  }

  @Override
  public boolean isBound() {
    return socket.isBound();
  }

  @Override
  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public boolean isInputShutdown() {
    return socket.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return socket.isOutputShutdown();
  }

  @Override
  public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
    socket.setPerformancePreferences(connectionTime, latency, bandwidth);
  }

  @Override
  public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
    socket.setOption(name, value);
    return this;
  }

  @Override
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return socket.getOption(name);
  }

  @Override
  public Set<SocketOption<?>> supportedOptions() {
    return socket.supportedOptions();
  }
}
