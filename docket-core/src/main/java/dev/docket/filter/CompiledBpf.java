package dev.docket.filter;

import java.nio.ByteBuffer;

/**
 * A classic BPF program, as libpcap compiles a tcpdump expression, and the machine that runs it
 * over a packet's captured bytes in place: what {@code pcap_offline_filter} does, instruction for
 * instruction (libpcap's {@code bpf_filter.c}), without a call into native code per packet. A load
 * past the captured bytes rejects the packet, as in libpcap; {@code len} is the original length.
 * One difference: a packet on which libpcap's {@code protochain} loop would never end (a crafted
 * IPv6 AH chain; tcpdump hangs on it) does not match. Immutable; {@link #accepts} allocates nothing
 * but the 16-word scratch memory of a program that stores to it.
 */
final class CompiledBpf {
  // Instruction classes and fields, from <pcap/bpf.h>.
  private static final int LD = 0x00;
  private static final int LDX = 0x01;
  private static final int ST = 0x02;
  private static final int STX = 0x03;
  private static final int ALU = 0x04;
  private static final int JMP = 0x05;
  private static final int RET = 0x06;
  private static final int MISC = 0x07;
  private static final int W = 0x00;
  private static final int H = 0x08;
  private static final int B = 0x10;
  private static final int IMM = 0x00;
  private static final int ABS = 0x20;
  private static final int IND = 0x40;
  private static final int MEM = 0x60;
  private static final int LEN = 0x80;
  private static final int MSH = 0xa0;
  private static final int ADD = 0x00;
  private static final int SUB = 0x10;
  private static final int MUL = 0x20;
  private static final int DIV = 0x30;
  private static final int OR = 0x40;
  private static final int AND = 0x50;
  private static final int LSH = 0x60;
  private static final int RSH = 0x70;
  private static final int NEG = 0x80;
  private static final int MOD = 0x90;
  private static final int XOR = 0xa0;
  private static final int JA = 0x00;
  private static final int JEQ = 0x10;
  private static final int JGT = 0x20;
  private static final int JGE = 0x30;
  private static final int JSET = 0x40;
  private static final int X = 0x08;
  private static final int A = 0x10;
  private static final int TAX = 0x00;
  private static final int TXA = 0x80;
  private static final int MEMWORDS = 16;

  /** A program that keeps no packet: {@code ret #0}. */
  static final CompiledBpf REJECT_ALL = new CompiledBpf(new short[] {RET}, new byte[1], new byte[1], new int[1]);

  private final short[] codes;
  private final byte[] jumpsIfTrue;
  private final byte[] jumpsIfFalse;
  private final int[] constants;

  /**
   * @param instructions libpcap's {@code struct bpf_insn} array as 8 bytes each: code (16 bits), jt,
   *     jf (8 bits each), k (32 bits), in the machine's byte order
   * @param littleEndian whether that order is little-endian
   */
  static CompiledBpf of(byte[] instructions, boolean littleEndian) {
    ByteBuffer in = ByteBuffer.wrap(instructions).order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
    int count = instructions.length / 8;
    short[] codes = new short[count];
    byte[] jt = new byte[count];
    byte[] jf = new byte[count];
    int[] k = new int[count];
    for (int i = 0; i < count; i++) {
      codes[i] = in.getShort(8 * i);
      jt[i] = in.get(8 * i + 2);
      jf[i] = in.get(8 * i + 3);
      k[i] = in.getInt(8 * i + 4);
    }
    return new CompiledBpf(codes, jt, jf, k);
  }

  CompiledBpf(short[] codes, byte[] jumpsIfTrue, byte[] jumpsIfFalse, int[] constants) {
    this.codes = codes;
    this.jumpsIfTrue = jumpsIfTrue;
    this.jumpsIfFalse = jumpsIfFalse;
    this.constants = constants;
  }

  int length() {
    return codes.length;
  }

  /**
   * Runs the program over {@code caplen} bytes of {@code buffer} from {@code offset}: whether it
   * returns non-zero, libpcap's "keep this packet". A program that runs off its end, or an
   * instruction libpcap's machine does not know, rejects, as {@code bpf_filter} does.
   */
  boolean accepts(ByteBuffer buffer, int offset, int caplen, int wirelen) {
    int a = 0;
    int x = 0;
    int[] memory = null; // most programs never store: no array unless one does
    // libpcap jumps back only in "protochain" (its one loop), whose every turn should move on
    // through the packet; but its AH step resets the offset, so a crafted header chain can turn
    // forever (in libpcap too). More turns than captured bytes is such a chain: no match.
    int backwardJumps = 0;
    int pc = 0;
    short[] codes = this.codes;
    while (pc < codes.length) {
      int code = codes[pc] & 0xffff;
      int k = constants[pc];
      int here = pc++;
      switch (code) {
        case RET | 0x00: // RET | K
          return k != 0;
        case RET | A:
          return a != 0;
        case LD | W | ABS:
          if (outside(k, 4, caplen)) {
            return false;
          }
          a = word(buffer, offset + k);
          break;
        case LD | H | ABS:
          if (outside(k, 2, caplen)) {
            return false;
          }
          a = half(buffer, offset + k);
          break;
        case LD | B | ABS:
          if (outside(k, 1, caplen)) {
            return false;
          }
          a = buffer.get(offset + k) & 0xff;
          break;
        case LD | W | LEN:
          a = wirelen;
          break;
        case LDX | W | LEN:
          x = wirelen;
          break;
        case LD | W | IND: {
          long at = (x & 0xffffffffL) + (k & 0xffffffffL);
          if (at + 4 > caplen) {
            return false;
          }
          a = word(buffer, offset + (int) at);
          break;
        }
        case LD | H | IND: {
          long at = (x & 0xffffffffL) + (k & 0xffffffffL);
          if (at + 2 > caplen) {
            return false;
          }
          a = half(buffer, offset + (int) at);
          break;
        }
        case LD | B | IND: {
          long at = (x & 0xffffffffL) + (k & 0xffffffffL);
          if (at + 1 > caplen) {
            return false;
          }
          a = buffer.get(offset + (int) at) & 0xff;
          break;
        }
        case LDX | MSH | B:
          if (outside(k, 1, caplen)) {
            return false;
          }
          x = (buffer.get(offset + k) & 0xf) << 2;
          break;
        case LD | IMM:
          a = k;
          break;
        case LDX | IMM:
          x = k;
          break;
        case LD | MEM:
          a = memory == null ? 0 : memory[k & (MEMWORDS - 1)];
          break;
        case LDX | MEM:
          x = memory == null ? 0 : memory[k & (MEMWORDS - 1)];
          break;
        case ST:
          if (memory == null) {
            memory = new int[MEMWORDS];
          }
          memory[k & (MEMWORDS - 1)] = a;
          break;
        case STX:
          if (memory == null) {
            memory = new int[MEMWORDS];
          }
          memory[k & (MEMWORDS - 1)] = x;
          break;
        case JMP | JA:
          pc += k; // signed: protochain's backward jumps, as libpcap sign-extends them
          if (k < 0 && ++backwardJumps > caplen) {
            return false;
          }
          break;
        case JMP | JGT | 0x00:
          pc += Integer.compareUnsigned(a, k) > 0 ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case JMP | JGE | 0x00:
          pc += Integer.compareUnsigned(a, k) >= 0 ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case JMP | JEQ | 0x00:
          pc += a == k ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case JMP | JSET | 0x00:
          pc += (a & k) != 0 ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case JMP | JGT | X:
          pc += Integer.compareUnsigned(a, x) > 0 ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case JMP | JGE | X:
          pc += Integer.compareUnsigned(a, x) >= 0 ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case JMP | JEQ | X:
          pc += a == x ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case JMP | JSET | X:
          pc += (a & x) != 0 ? jumpsIfTrue[here] & 0xff : jumpsIfFalse[here] & 0xff;
          break;
        case ALU | ADD | X:
          a += x;
          break;
        case ALU | SUB | X:
          a -= x;
          break;
        case ALU | MUL | X:
          a *= x;
          break;
        case ALU | DIV | X:
          if (x == 0) {
            return false;
          }
          a = Integer.divideUnsigned(a, x);
          break;
        case ALU | MOD | X:
          if (x == 0) {
            return false;
          }
          a = Integer.remainderUnsigned(a, x);
          break;
        case ALU | AND | X:
          a &= x;
          break;
        case ALU | OR | X:
          a |= x;
          break;
        case ALU | XOR | X:
          a ^= x;
          break;
        case ALU | LSH | X:
          a = Integer.compareUnsigned(x, 32) < 0 ? a << x : 0;
          break;
        case ALU | RSH | X:
          a = Integer.compareUnsigned(x, 32) < 0 ? a >>> x : 0;
          break;
        case ALU | ADD | 0x00:
          a += k;
          break;
        case ALU | SUB | 0x00:
          a -= k;
          break;
        case ALU | MUL | 0x00:
          a *= k;
          break;
        case ALU | DIV | 0x00:
          if (k == 0) {
            return false;
          }
          a = Integer.divideUnsigned(a, k);
          break;
        case ALU | MOD | 0x00:
          if (k == 0) {
            return false;
          }
          a = Integer.remainderUnsigned(a, k);
          break;
        case ALU | AND | 0x00:
          a &= k;
          break;
        case ALU | OR | 0x00:
          a |= k;
          break;
        case ALU | XOR | 0x00:
          a ^= k;
          break;
        case ALU | LSH | 0x00:
          a = Integer.compareUnsigned(k, 32) < 0 ? a << k : 0;
          break;
        case ALU | RSH | 0x00:
          a = Integer.compareUnsigned(k, 32) < 0 ? a >>> k : 0;
          break;
        case ALU | NEG:
          a = -a;
          break;
        case MISC | TAX:
          x = a;
          break;
        case MISC | TXA:
          a = x;
          break;
        default:
          return false; // libpcap's machine aborts on what it does not know: no match
      }
    }
    return false;
  }

  /** Whether {@code size} bytes at unsigned offset {@code k} reach past {@code caplen}. */
  private static boolean outside(int k, int size, int caplen) {
    return (k & 0xffffffffL) + size > caplen;
  }

  private static int word(ByteBuffer buffer, int at) {
    return (buffer.get(at) & 0xff) << 24 | (buffer.get(at + 1) & 0xff) << 16 | (buffer.get(at + 2) & 0xff) << 8 | (buffer.get(at + 3) & 0xff);
  }

  private static int half(ByteBuffer buffer, int at) {
    return (buffer.get(at) & 0xff) << 8 | (buffer.get(at + 1) & 0xff);
  }
}
