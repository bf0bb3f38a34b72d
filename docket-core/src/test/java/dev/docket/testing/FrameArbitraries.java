package dev.docket.testing;

import com.google.common.collect.ImmutableList;
import dev.docket.packet.LinkType;
import dev.docket.query.IpAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of crafted frames and of the values queries ask about, drawn mostly from small shared
 * pools so that random queries and random frames meet often enough to match.
 */
public final class FrameArbitraries {
  public static final ImmutableList<IpAddress> IPV4_POOL = ImmutableList.of(
      IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.1.1"),
      IpAddress.parse("192.168.1.1"));
  public static final ImmutableList<IpAddress> IPV6_POOL = ImmutableList.of(
      IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:db8::2"),
      IpAddress.parse("2001:db8:0:1::1"), IpAddress.parse("::ffff:10.0.0.1"));
  public static final ImmutableList<Integer> PORT_POOL = ImmutableList.of(0, 53, 80, 443, 8080, 65535);
  public static final ImmutableList<Integer> PROTOCOL_POOL = ImmutableList.of(1, 6, 17, 47, 50, 58, 89, 132);
  public static final ImmutableList<Integer> VLAN_POOL = ImmutableList.of(0, 1, 100, 4095);
  public static final ImmutableList<Integer> MPLS_POOL = ImmutableList.of(0, 3, 16, 1_048_575);
  public static final ImmutableList<Long> TIMESTAMP_POOL =
      ImmutableList.of(
          0L, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_001L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);

  private FrameArbitraries() {}

  public static Arbitrary<IpAddress> addresses(int version) {
    List<IpAddress> pool = version == 4 ? IPV4_POOL : IPV6_POOL;
    Arbitrary<IpAddress> random = version == 4
        ? Arbitraries.integers().map(IpAddress::ipv4)
        : Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpAddress::ipv6);
    return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(pool)), Tuple.of(1, random));
  }

  public static Arbitrary<Integer> ports() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(PORT_POOL)), Tuple.of(1, Arbitraries.integers().between(0, 65535)));
  }

  public static Arbitrary<Long> timestamps() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(TIMESTAMP_POOL)), Tuple.of(1, Arbitraries.longs()));
  }

  /** The link types Docket decodes, and any other number a capture might claim. */
  public static Arbitrary<Integer> linkTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            LinkType.NULL, LinkType.ETHERNET, LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL,
            LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2),
        Arbitraries.integers().between(0, 300));
  }

  public static Arbitrary<FrameRecipe> frames() {
    Arbitrary<FrameRecipe.Link> links = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(FrameRecipe.Link.ETHERNET)),
        Tuple.of(6, Arbitraries.of(FrameRecipe.Link.class)));
    Arbitrary<FrameRecipe.VlanTag> tag = Combinators.combine(
            Arbitraries.of(0x8100, 0x88A8, 0x9100),
            Arbitraries.oneOf(Arbitraries.of(VLAN_POOL), Arbitraries.integers().between(0, 4095)))
        .as(FrameRecipe.VlanTag::new);
    Arbitrary<Integer> label =
        Arbitraries.oneOf(Arbitraries.of(MPLS_POOL), Arbitraries.integers().between(0, 1_048_575));
    Arbitrary<FrameRecipe.Upper> upper = Combinators.combine(
            Arbitraries.of(PROTOCOL_POOL), ports(), ports())
        .as(FrameRecipe.Upper::new);
    return Combinators.combine(
            links,
            stack(tag),
            stack(label),
            networks(),
            upper,
            Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 20))))
        .as(FrameRecipe::new);
  }

  /** Mostly none or a few, sometimes more than a view records. */
  private static <T> Arbitrary<ImmutableList<T>> stack(Arbitrary<T> element) {
    return Arbitraries.frequencyOf(
            Tuple.of(6, element.list().ofMaxSize(0)),
            Tuple.of(3, element.list().ofMinSize(1).ofMaxSize(3)),
            Tuple.of(1, element.list().ofMinSize(7).ofMaxSize(11)))
        .map(ImmutableList::copyOf);
  }

  private static Arbitrary<FrameRecipe.Network> networks() {
    Arbitrary<FrameRecipe.Network> none = Arbitraries.just(
        new FrameRecipe.Network(0, IPV4_POOL.get(0), IPV4_POOL.get(0), 0, 0, false, ImmutableList.of()));
    Arbitrary<Integer> fragmentOffsets = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 0x1FFF)));
    Arbitrary<FrameRecipe.Network> ipv4 = Combinators.combine(
            addresses(4), addresses(4),
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 10))),
            fragmentOffsets, Arbitraries.of(true, false))
        .as((source, destination, options, offset, more) ->
            new FrameRecipe.Network(4, source, destination, options, offset, more, ImmutableList.of()));
    Arbitrary<FrameRecipe.Extension> extension = Combinators.combine(
            Arbitraries.of(0, 43, 60, 135, 51, 44), Arbitraries.integers().between(1, 8), fragmentOffsets)
        .as((type, units, offset) -> new FrameRecipe.Extension(type, type == 51 ? 4 + 4 * units : 8 * units, offset));
    Arbitrary<FrameRecipe.Network> ipv6 = Combinators.combine(
            addresses(6), addresses(6),
            Arbitraries.frequencyOf(
                Tuple.of(2, extension.list().ofMaxSize(0)), Tuple.of(1, extension.list().ofMaxSize(4))))
        .as((source, destination, extensions) ->
            new FrameRecipe.Network(6, source, destination, 0, 0, false, ImmutableList.copyOf(extensions)));
    return Arbitraries.frequencyOf(Tuple.of(1, none), Tuple.of(4, ipv4), Tuple.of(4, ipv6));
  }
}
