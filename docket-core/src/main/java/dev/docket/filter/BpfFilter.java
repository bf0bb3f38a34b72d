package dev.docket.filter;

import dev.docket.packet.LinkType;
import dev.docket.packet.PacketView;
import dev.docket.query.Bpf;
import dev.docket.query.InvalidQueryException;
import dev.docket.query.QuerySyntax;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.pcap4j.core.PcapNativeException;

/**
 * {@code bpf "EXPR"}: libpcap's program for EXPR, compiled once for each link type the packets come
 * in and run in Docket's own machine ({@link CompiledBpf}). A link type for which libpcap refuses
 * EXPR (say {@code ether host} on raw IP) matches nothing there, as tcpdump would take no packet.
 */
final class BpfFilter extends PacketFilter {
  private final String expression;
  /** Each link type's program; empty where libpcap refused the expression. */
  private final ConcurrentHashMap<Integer, Optional<CompiledBpf>> programs = new ConcurrentHashMap<>();
  /** The last link type's program, so the common case (one link type) costs no map lookup. */
  private volatile @Nullable Last last;

  private record Last(int linkType, Optional<CompiledBpf> program) {}

  /**
   * Compiles {@code expression} for Ethernet now (then, if libpcap refuses it there, for raw IP and
   * Linux cooked captures): an expression libpcap takes for none of them is a bad query, said in
   * libpcap's words before any packet is read.
   *
   * @throws InvalidQueryException when libpcap refuses it, is not installed, or would look a host
   *     name up (which Docket refuses before libpcap sees it)
   */
  BpfFilter(String expression) {
    this.expression = expression;
    HostNames.refuseLookups(expression);
    PcapNativeException firstRefusal = null;
    for (int linkType : new int[] {LinkType.ETHERNET, LinkType.RAW, 113}) {
      try {
        programs.put(linkType, Optional.of(Libpcap.compileOrThrow(expression, linkType)));
        return;
      } catch (PcapNativeException refused) {
        programs.put(linkType, Optional.empty());
        if (firstRefusal == null) {
          firstRefusal = refused;
        }
      }
    }
    throw new InvalidQueryException(
        QuerySyntax.print(new Bpf(expression)) + ": libpcap refuses it: " + firstRefusal.getMessage());
  }

  @Override
  public boolean matches(PacketView packet) {
    int linkType = packet.linkType();
    Last seen = last;
    Optional<CompiledBpf> program;
    if (seen != null && seen.linkType() == linkType) {
      program = seen.program();
    } else {
      program = programs.computeIfAbsent(linkType, type -> Libpcap.compile(expression, type));
      last = new Last(linkType, program);
    }
    return program.isPresent()
        && program.get().accepts(packet.buffer(), packet.offset(), packet.capturedLength(), packet.originalLength());
  }

  /** After Docket's own primitives: they decode only what they need and reject most packets first. */
  @Override
  int cost() {
    return COST_TRANSPORT;
  }

  @Override
  public String toString() {
    return QuerySyntax.print(new Bpf(expression));
  }
}
