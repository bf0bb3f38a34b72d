package dev.docket.synthetic;

import java.util.SplittableRandom;

/**
 * A TCP SYN scan, as {@code nmap -sS} sends it: one SYN to each of ports 1 to 1024 of one target in
 * a shuffled order, each answered by a RST from a closed port or a SYN-ACK from an open one, which
 * the scanner resets instead of completing the handshake.
 */
final class PortScan implements Conversation {
  static final int FIRST_PORT = 1;
  static final int LAST_PORT = 1024;
  /** What the target serves: SSH, HTTP and HTTPS answer SYN-ACK, every other port RST. */
  static final int[] OPEN_PORTS = {22, 80, 443};

  private static final int FIN_RST = 0x04;
  private static final int SYN = 0x02;
  private static final int ACK = 0x10;
  private static final int SCANNER_WINDOW = 1024; // nmap's raw SYNs announce a small window

  private final Flow flow;
  private final int scannerPort;
  private final int[] ports;
  private final long[] sequences;
  private int port;
  /** Of the current port: 0 the SYN, 1 the answer, 2 the scanner's RST to an open port. */
  private int frame;

  PortScan(Flow flow, SplittableRandom random) {
    this.flow = flow;
    this.scannerPort = EphemeralPorts.pick(random); // nmap keeps one source port for the scan
    this.ports = new int[LAST_PORT - FIRST_PORT + 1];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = FIRST_PORT + i;
    }
    for (int i = ports.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = ports[i];
      ports[i] = ports[j];
      ports[j] = swap;
    }
    this.sequences = new long[] {random.nextLong(1L << 32), random.nextLong(1L << 32)};
  }

  static boolean open(int port) {
    for (int open : OPEN_PORTS) {
      if (open == port) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int writeNext(FrameWriter out, long timestampNanos) {
    int target = ports[port];
    int written;
    if (frame == 0) {
      written = segment(out, true, target, SYN, sequences[0], 0);
      frame = 1;
    } else if (frame == 1) {
      boolean open = open(target);
      written =
          open
              ? segment(out, false, target, SYN | ACK, sequences[1], sequences[0] + 1)
              : segment(out, false, target, FIN_RST | ACK, 0, sequences[0] + 1);
      frame = open ? 2 : 0;
    } else {
      written = segment(out, true, target, FIN_RST, sequences[0] + 1, 0);
      frame = 0;
    }
    if (frame == 0) {
      port++;
    }
    return written;
  }

  private int segment(
      FrameWriter out, boolean fromScanner, int target, int flags, long sequence, long acknowledgement) {
    boolean syn = (flags & SYN) != 0;
    int length = syn ? 24 : 20;
    int at = flow.begin(out, fromScanner, FrameWriter.PROTOCOL_TCP, length);
    out.tcp(
        at,
        fromScanner ? scannerPort : target,
        fromScanner ? target : scannerPort,
        sequence & 0xFFFF_FFFFL,
        acknowledgement & 0xFFFF_FFFFL,
        flags,
        fromScanner ? SCANNER_WINDOW : (syn ? 65_160 : 0),
        syn ? 1460 : 0);
    out.checksum(
        at, length, 16, flow.pseudoHeaderSum(fromScanner, FrameWriter.PROTOCOL_TCP, length), false);
    return out.finish(at + length);
  }

  @Override
  public boolean finished() {
    return port == ports.length;
  }
}
