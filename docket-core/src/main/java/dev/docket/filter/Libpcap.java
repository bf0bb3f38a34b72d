package dev.docket.filter;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import dev.docket.packet.LinkType;
import dev.docket.query.InvalidQueryException;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Optional;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * libpcap, through pcap4j, for the one thing Docket asks of it: compiling a tcpdump expression for a
 * link type into a classic BPF program, which {@link CompiledBpf} then runs in Docket's own loop.
 * One native call per expression and link type, never per packet.
 */
final class Libpcap {
  /** libpcap's largest snapshot length: the compiled program then never cuts a packet short. */
  private static final int SNAPLEN = 262_144;
  /** tcpdump's netmask when it reads a file: 0, so {@code ip broadcast} means what it means there. */
  private static final Inet4Address NETMASK = netmask();
  /** pcap_compile shares parser state in older libpcaps: one compile at a time. */
  private static final Object COMPILING = new Object();

  private Libpcap() {}

  /**
   * Compiles {@code expression} for packets of {@code linkType} (a pcap file's LINKTYPE_ value).
   *
   * @return the program, or empty when libpcap refuses the expression for that link type
   * @throws InvalidQueryException when libpcap is not installed, saying how to install it
   */
  static Optional<CompiledBpf> compile(String expression, int linkType) {
    try {
      return Optional.of(compileOrThrow(expression, linkType));
    } catch (PcapNativeException refused) {
      return Optional.empty();
    }
  }

  /**
   * Compiles {@code expression} for {@code linkType}, or says in libpcap's words why not.
   *
   * @throws PcapNativeException with libpcap's message when it refuses the expression
   * @throws InvalidQueryException when libpcap is not installed
   */
  static CompiledBpf compileOrThrow(String expression, int linkType) throws PcapNativeException {
    BpfProgram program;
    try {
      synchronized (COMPILING) {
        // Through a dead handle rather than Pcaps.compileFilter, whose error drops libpcap's words.
        PcapHandle dead = Pcaps.openDead(DataLinkType.getInstance(dlt(linkType)), SNAPLEN);
        try {
          program = dead.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE, NETMASK);
        } finally {
          dead.close();
        }
      }
    } catch (PcapNativeException refused) {
      if (String.valueOf(refused.getMessage()).contains("expression rejects all packets")) {
        // libpcap's optimizer proved the expression contradictory, and says so instead of compiling
        // it: a well-formed filter that keeps nothing (tcpdump refuses to run it; Docket runs it).
        return CompiledBpf.REJECT_ALL;
      }
      throw refused;
    } catch (NotOpenException impossible) {
      throw new IllegalStateException("libpcap closed a handle Docket had just opened", impossible);
    } catch (LinkageError missing) {
      throw new InvalidQueryException(
          "bpf \"" + expression + "\" needs libpcap, which is not installed here; install it (Debian: apt-get install libpcap0.8) "
              + "or leave out the bpf part (" + missing.getMessage() + ")");
    }
    try {
      return instructions(program);
    } finally {
      program.free();
    }
  }

  private static Inet4Address netmask() {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[4]);
    } catch (UnknownHostException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /** The program's instructions, read out of libpcap's {@code struct bpf_program}. */
  private static CompiledBpf instructions(BpfProgram program) {
    try {
      // pcap4j keeps the native struct to itself (getProgram is package-private): its layout is
      // libpcap's, documented in <pcap/bpf.h>, and read here once per compile.
      Method getProgram = BpfProgram.class.getDeclaredMethod("getProgram");
      getProgram.setAccessible(true);
      Structure struct = (Structure) getProgram.invoke(program);
      // Read from native memory as it is now: { u_int bf_len; struct bpf_insn *bf_insns; }, the
      // pointer aligned after the count.
      Pointer memory = struct.getPointer();
      int count = memory.getInt(0);
      Pointer first = memory.getPointer(Native.POINTER_SIZE);
      return CompiledBpf.of(first.getByteArray(0, 8 * count), ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    } catch (InaccessibleObjectException closed) {
      // On the module path pcap4j does not open its package: the launcher must (the CLI runs on the
      // class path, where it is open).
      throw new IllegalStateException(
          "reading the program libpcap compiled needs --add-opens org.pcap4j.core/org.pcap4j.core=dev.docket.core on the module path", closed);
    } catch (ReflectiveOperationException | RuntimeException unexpected) {
      throw new IllegalStateException("reading the program libpcap compiled: " + unexpected, unexpected);
    }
  }

  /**
   * The DLT_ value libpcap compiles for, of a capture file's LINKTYPE_ value: the same number
   * except for the few that differ across platforms ({@code linktype_to_dlt} in libpcap).
   */
  static int dlt(int linkType) {
    return switch (linkType) {
      case 100 -> 11; // ATM_RFC1483
      case LinkType.RAW -> 12; // RAW (Linux and most others; 14 on OpenBSD)
      case 102 -> 15; // SLIP_BSDOS
      case 103 -> 16; // PPP_BSDOS
      case 106 -> 19; // ATM_CLIP
      default -> linkType;
    };
  }
}
